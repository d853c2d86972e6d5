// How far a ledger's reading or import has come, from the core's roster.progress events, with the button that
// stops it (nothing is stored).
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../../src-main/core/contract';

type Progress = EventPayload<'roster.progress'>;

/**
 * The file's parts sent to the station first (done and total count parts); then the rows read and checked, as a
 * reading reports its rows and then checks them; or the people imported.
 */
export interface Figures {
  phase: Progress['phase'] | 'sending';
  read: number;
  checked: number;
  done: number;
  total: number | null;
}

export const NO_FIGURES: Figures = { phase: 'reading', read: 0, checked: 0, done: 0, total: null };

export function nextFigures(figures: Figures, progress: Progress): Figures {
  const read = progress.phase === 'reading' ? progress.done : Math.max(figures.read, progress.total ?? 0);
  const checked = progress.phase === 'checking' ? progress.done : figures.checked;
  return { phase: progress.phase, read, checked, done: progress.done, total: progress.total };
}

export function RosterProgress({ figures, onCancel }: { figures: Figures; onCancel: () => void }) {
  const { t } = useTranslation();
  const { phase, done, total } = figures;
  return (
    <div className="roster-progress" role="status" data-testid="roster-progress">
      <strong>{t(`roster.phase.${phase}`)}</strong>
      {/* Without a total yet the bar runs without a figure: the browser draws it as busy. */}
      <progress max={total ?? undefined} value={total === null ? undefined : done} aria-label={t(`roster.phase.${phase}`)} />
      <span data-testid="roster-progress-figures">
        {phase === 'sending' && t('roster.sendProgress', { percent: total ? Math.floor((done / total) * 100) : 0 })}
        {phase === 'importing' && t('roster.importProgress', { done })}
        {(phase === 'reading' || phase === 'checking') && t('roster.progress', { read: figures.read, checked: figures.checked })}
      </span>
      <button type="button" className="secondary" data-testid="roster-cancel" onClick={onCancel}>
        {t('roster.cancel')}
      </button>
    </div>
  );
}
