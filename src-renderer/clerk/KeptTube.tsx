// On a locked desk's screen: the open tube is kept exactly as it was, and the next clerk carries on with it.
import { useTranslation } from 'react-i18next';
import type { Output } from '../../src-main/core/contract';

type Tube = NonNullable<Output<'clerk.deskState'>['tube']>;

export function KeptTube({ tube }: { tube: Tube | null }) {
  const { t } = useTranslation();
  return (
    <p className="sign-in-tube" data-testid="kept-tube">
      {tube ? t('session.tubeKept', { barcode: tube.barcode, count: tube.people.length, capacity: tube.capacity }) : t('session.noTube')}
    </p>
  );
}
