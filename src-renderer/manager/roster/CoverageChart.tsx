// Coverage rising through the round: the share of the roster sampled by the end of each hour (Chart.js).
import { CategoryScale, Chart, Filler, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';

Chart.register(LineController, LineElement, PointElement, CategoryScale, LinearScale, Filler, Tooltip);

type Coverage = Output<'roster.coverage'>;

/** Each hour's label, and the percentage of the roster sampled by its end. */
function rising(coverage: Coverage): { labels: string[]; values: number[] } {
  const oneDay = coverage.round.firstDay === coverage.round.lastDay;
  let sampled = 0;
  const values: number[] = [];
  for (const hour of coverage.hours) {
    sampled += hour.sampled;
    values.push(coverage.total.onRoster === 0 ? 0 : Math.round((sampled / coverage.total.onRoster) * 1000) / 10);
  }
  // "YYYY-MM-DD HH": a one-day round needs only the hour.
  const labels = coverage.hours.map(({ hour }) => `${oneDay ? '' : `${hour.slice(5, 10)} `}${hour.slice(11)}:00`);
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
