// A person of the not-yet list as its screen and its printed sheet show them: the address first, then who.
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';

type Person = Output<'roster.notYet'>['people'][number];

export function AddressHeads() {
  const { t } = useTranslation();
  return (
    <>
      <th>{t('coverage.grid')}</th>
      <th>{t('coverage.building')}</th>
      <th>{t('coverage.list.unitColumn')}</th>
      <th>{t('coverage.list.room')}</th>
      <th>{t('coverage.list.name')}</th>
      <th>{t('coverage.list.phone')}</th>
      <th>{t('coverage.list.tags')}</th>
    </>
  );
}

export function AddressCells({ person }: { person: Person }) {
  const { t } = useTranslation();
  return (
    <>
      <td>{person.grid}</td>
      <td>{person.building}</td>
      <td>{person.unit}</td>
      <td>{person.room}</td>
      <td>{person.name}</td>
      <td>{person.phone}</td>
      <td>{person.tags.join(t('roster.fieldsJoin'))}</td>
    </>
  );
}
