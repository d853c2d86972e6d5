// The 覆盖 Coverage tab: the round, its totals, the coverage per grid, building and group, and the chart of it
// rising through the day. Read when the tab opens and pushed by the core (roster.coverage) after any registration,
// excuse or import, and once a new round is counted: nothing polls.
import { useTranslation } from 'react-i18next';
import { useLiveValue } from '../../shared/useBridge';
import { CountsTable } from './CountsTable';
import { CoverageChart } from './CoverageChart';
import { percent } from './percent';
import { RoundForm } from './RoundForm';
import './roster.css';

const TOTALS = ['onRoster', 'sampled', 'notYet', 'excused'] as const;

export function CoveragePanel() {
  const { t } = useTranslation();
  const { value: coverage, reload } = useLiveValue('roster.coverage', 'roster.coverage');
  if (!coverage) return null;
  return (
    <div className="coverage">
      <RoundForm round={coverage.round} onSaved={reload} />
      {coverage.recounting !== null && (
        <p className="muted" role="status" data-testid="coverage-recounting">
          {t('coverage.recounting', { percent: Math.floor(coverage.recounting * 100) })}
        </p>
      )}
      {coverage.total.onRoster === 0 && <p className="muted">{t('coverage.emptyRoster')}</p>}
      <dl className="roster-counts" data-testid="coverage-totals">
        {TOTALS.map((figure) => (
          <div key={figure} className="card">
            <dt>{t(`coverage.${figure}`)}</dt>
            <dd data-testid={`coverage-${figure}`}>{coverage.total[figure]}</dd>
          </div>
        ))}
        <div className="card">
          <dt>{t('coverage.visitors')}</dt>
          <dd data-testid="coverage-visitors">{coverage.visitors}</dd>
        </div>
        <div className="card">
          <dt>{t('coverage.rate')}</dt>
          <dd data-testid="coverage-rate">{percent(t, coverage.total.rate)}</dd>
        </div>
      </dl>
      <CoverageChart coverage={coverage} />
      <div className="coverage-tables">
        <CountsTable
          title={t('coverage.byGrid')}
          testId="coverage-grids"
          labels={[t('coverage.grid')]}
          rows={coverage.grids.map((counts) => ({ names: [counts.grid], counts }))}
        />
        <CountsTable
          title={t('coverage.byTag')}
          testId="coverage-tags"
          labels={[t('coverage.tag')]}
          rows={coverage.tags.map((counts) => ({ names: [counts.tag], counts }))}
        />
      </div>
      <CountsTable
        title={t('coverage.byBuilding')}
        testId="coverage-buildings"
        labels={[t('coverage.grid'), t('coverage.building')]}
        rows={coverage.buildings.map((counts) => ({ names: [counts.grid, counts.building], counts }))}
      />
    </div>
  );
}
