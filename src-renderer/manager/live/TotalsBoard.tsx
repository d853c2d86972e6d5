import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';

type Totals = Output<'site.totals'>;

const CARDS = ['peopleToday', 'openTubes', 'sealedTubesToday'] as const;

/** The day's totals, updated by the core's pushes. */
export function TotalsBoard({ totals }: { totals: Totals | null }) {
  const { t } = useTranslation();
  return (
    <section className="totals" data-testid="totals">
      {CARDS.map((card) => (
        <div className="total card" key={card}>
          <div className="total-value" data-testid={`total-${card}`}>
            {totals ? totals[card] : '–'}
          </div>
          <div className="total-label">{t(`manager.${card}`)}</div>
        </div>
      ))}
    </section>
  );
}
