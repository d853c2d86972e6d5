import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';

type Totals = Output<'site.totals'>;

const CARDS = ['peopleToday', 'openTubes', 'sealedTubesToday'] as const;

/** The day's totals, updated by the core's pushes: this PC's, or the whole site's under their own test ids. */
export function TotalsBoard({ totals, testId = 'total' }: { totals: Totals | null; testId?: string }) {
  const { t } = useTranslation();
  return (
    <section className="totals" data-testid={`${testId}s`}>
      {CARDS.map((card) => (
        <div className="total card" key={card}>
          <div className="total-value" data-testid={`${testId}-${card}`}>
            {totals ? totals[card] : '–'}
          </div>
          <div className="total-label">{t(`manager.${card}`)}</div>
        </div>
      ))}
    </section>
  );
}
