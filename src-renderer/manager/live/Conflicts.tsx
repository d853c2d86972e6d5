// What two PCs of the site did while apart that cannot both stand, each with both sides (PC, desk or bag or manifest,
// time) and how it is resolved: the wrong side is voided with a reason, on the PC that holds it; this PC's side of a
// tube used twice can be voided right here, as in the search tab.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { wallClock } from '../../shared/wallClock';
import { VoidButton } from '../search/VoidButton';
import { pcName } from './SiteDesks';

type Conflict = Output<'site.whole'>['conflicts'][number];
type Side = Conflict['first'];

function where(t: TFunction, kind: Conflict['kind'], side: Side): string {
  if (side.desk !== null) return t('siteFeed.deskSide', { desk: side.desk });
  if (side.detail === null) return t('siteFeed.unknownWhere');
  return t(kind === 'bag-handed-over-twice' ? 'siteFeed.manifestSide' : 'siteFeed.bagSide', { detail: side.detail });
}

function describe(t: TFunction, kind: Conflict['kind'], side: Side): string {
  return t('siteFeed.side', {
    pc: pcName(t, side.pc),
    where: where(t, kind, side),
    time: side.at ? `${side.at.slice(0, 10)} ${wallClock(side.at)}` : t('siteFeed.unknownTime'),
  });
}

export function Conflicts({ conflicts, onVoided }: { conflicts: Conflict[]; onVoided: () => void }) {
  const { t } = useTranslation();
  if (conflicts.length === 0) return null;
  return (
    <section className="card site-conflicts" data-testid="site-conflicts" role="alert">
      <h2>{t('siteFeed.conflictsTitle', { count: conflicts.length })}</h2>
      <ul>
        {conflicts.map((conflict, index) => (
          <li key={`${conflict.kind}-${conflict.subject}-${index}`} data-testid="site-conflict" data-kind={conflict.kind}>
            <strong>{t(`siteFeed.kind.${conflict.kind}`, { subject: conflict.subject })}</strong>
            <ol className="conflict-sides">
              <li data-testid="conflict-first">{describe(t, conflict.kind, conflict.first)}</li>
              <li data-testid="conflict-second">{describe(t, conflict.kind, conflict.second)}</li>
            </ol>
            <p className="muted">{t('siteFeed.resolve', { subject: conflict.subject })}</p>
            {conflict.kind === 'tube-opened-twice' && conflict.first.pc === null && (
              <VoidButton
                testId={`conflict-void-${conflict.subject}`}
                onVoid={(reason) => bridge.call('site.voidTube', { barcode: conflict.subject, reason })}
                onDone={onVoided}
              />
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
