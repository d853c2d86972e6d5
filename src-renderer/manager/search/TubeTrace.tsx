// A tube found by its barcode: where it went (its bag, the handover and courier that took it) and its people,
// partly hidden; each person opens in full on request, which the core keeps in the audit trail.
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { localTime } from '../handover/localTime';
import { VoidButton } from './VoidButton';

type Tube = NonNullable<Output<'site.tubePeople'>>;

export function TubeTrace({
  tube,
  onOpen,
  onManifest,
  onVoided,
}: {
  tube: Tube;
  onOpen: (registrationId: string) => void;
  onManifest: (number: string) => void;
  onVoided: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="card search-tube" data-testid="search-tube">
      <header>
        <h2>{t('search.tube', { barcode: tube.barcode, desk: tube.desk })}</h2>
        <span className="muted">{t(tube.voided ? 'search.tubeVoided' : `search.tubeStatus.${tube.status}`)}</span>
        {!tube.voided && tube.status === 'sealed' && (
          <VoidButton testId="void-tube" onVoid={(reason) => bridge.call('site.voidTube', { barcode: tube.barcode, reason })} onDone={onVoided} />
        )}
      </header>
      <p className="search-tube-where" data-testid="search-tube-bag">
        {tube.bag ? t('search.bag', { bag: tube.bag.barcode }) : t('search.noBag')}
        {' · '}
        {tube.handover ? t('search.handover', { number: tube.handover.number, time: localTime(tube.handover.handedAt), courier: tube.handover.courier }) : t('search.noHandover')}
        {tube.handover && (
          <button type="button" data-testid="search-open-manifest" onClick={() => onManifest(tube.handover!.number)}>
            {t('search.openManifest')}
          </button>
        )}
      </p>
      <h3>{t('search.tubePeople')}</h3>
      <table className="data-table search-results" data-testid="search-tube-people">
        <thead>
          <tr>
            {(['tube', 'name', 'idNumber', 'phone', 'status', 'actions'] as const).map((column) => (
              <th key={column}>{t(`search.columns.${column}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {tube.people.map((person) => (
            <tr key={person.registrationId} data-testid={`tube-person-${person.position}`}>
              <td>{t('search.where', { tube: tube.barcode, position: person.position, desk: tube.desk })}</td>
              <td>{person.name}</td>
              <td>{person.idNumber}</td>
              <td>{person.phone}</td>
              <td>{t(`search.status.${person.status}`)}</td>
              <td>
                <button type="button" data-testid="open-person" onClick={() => onOpen(person.registrationId)}>
                  {t('search.open')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
