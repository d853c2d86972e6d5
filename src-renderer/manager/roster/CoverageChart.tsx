// Coverage rising through the round: the share of the roster sampled by the end of each hour (Chart.js).
import { CategoryScale, Chart, Filler, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Filler, Tooltip);

type Coverage = Output<'roster.coverage'>;

/** The start (plus 0) or the end (plus 1) of the hour "YYYY-MM-DD HH", with its day unless the round has one. */
function clock(hour: string, oneDay: boolean, plus: 0 | 1): string {
  return `${oneDay ? '' : `${hour.slice(5, 10)} `}${String(Number(hour.slice(11)) + plus).padStart(2, '0')}:00`;
}

/** The roster sampled by the end of each hour, as a percentage, from 0 at the start of the first. */
function rising(coverage: Coverage): { labels: string[]; values: number[] } {
  const { hours, total, round } = coverage;
  if (hours.length === 0) return { labels: [], values: [] };
  const oneDay = round.firstDay === round.lastDay;
  const labels = [clock(hours[0].hour, oneDay, 0)];
  const values = [0];
  let sampled = 0;
  for (const { hour, sampled: inHour } of hours) {
    sampled += inHour;
    labels.push(clock(hour, oneDay, 1));
    values.push(total.onRoster === 0 ? 0 : Math.round((sampled / total.onRoster) * 1000) / 10);
  }
  return { labels, values };
}

export function CoverageChart({ coverage }: { coverage: Coverage }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'line'> | null>(null);

  useEffect(() => {
    const { labels, values } = rising(coverage);
    const data = { labels, datasets: [{ label: t('coverage.rate'), data: values, borderColor: '#1b5fa8', backgroundColor: '#e4eefa', fill: true }] };
    if (!chart.current) {
      chart.current = new Chart(canvas.current!, {
        type: 'line',
        data,
        options: {
          animation: false,
          maintainAspectRatio: false,
          // One line, named by the heading above it.
          plugins: { legend: { display: false } },
          scales: { y: { min: 0, max: 100, ticks: { callback: (value) => t('coverage.percent', { rate: value }) } } },
        },
      });
    } else {
      chart.current.data = data;
      chart.current.update();
    }
  }, [coverage, t]);

  useEffect(
    () => () => {
      chart.current?.destroy();
      chart.current = null;
    },
    [],
  );

  return (
    <section className="card roster-block">
      <h3>{t('coverage.chart')}</h3>
      <div className="coverage-chart">
        <canvas ref={canvas} data-testid="coverage-chart" role="img" aria-label={t('coverage.chart')} />
      </div>
    </section>
  );
}
