// Coverage per grid, building or group: on the roster, sampled, not yet, excused, and the rate, one row each.
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { percent } from './percent';

type Counts = Output<'roster.coverage'>['total'];

const FIGURES = ['onRoster', 'sampled', 'notYet', 'excused'] as const;

export function CountsTable({
  title,
  testId,
  labels,
  rows,
}: {
  title: string;
  testId: string;
  /** The headers of the columns that name a row (grid; grid and building; group). */
  labels: string[];
  rows: { names: string[]; counts: Counts }[];
}) {
  const { t } = useTranslation();
  return (
    <section className="card roster-block">
      <h3>{title}</h3>
      <table className="data-table roster-table" data-testid={testId}>
        <thead>
          <tr>
            {labels.map((label) => (
              <th key={label}>{label}</th>
            ))}
            {FIGURES.map((figure) => (
              <th key={figure} className="number">
                {t(`coverage.${figure}`)}
              </th>
            ))}
            <th className="number">{t('coverage.rate')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ names, counts }) => (
            <tr key={names.join('\u0000')} data-testid={`${testId}-${names.join('-')}`}>
              {names.map((name, i) => (
                <td key={labels[i]}>{name || t('coverage.blank')}</td>
              ))}
              {FIGURES.map((figure) => (
                <td key={figure} className="number">
                  {counts[figure]}
                </td>
              ))}
              <td className="number">{percent(t, counts.rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
