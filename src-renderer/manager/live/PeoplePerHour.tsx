// People registered per hour today, one bar per hour stacked by desk (Chart.js), from the core's live view.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { deskName } from '../../shared/deskName';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

const COLOURS = ['#1b5fa8', '#0f7b3f', '#8a5a00', '#5b2bb5', '#b3261e', '#14202b'];
/** A site works in daylight: the hours shown unless people were registered outside them. */
const FIRST_HOUR = 6;
const LAST_HOUR = 21;

export function PeoplePerHour({ desks }: { desks: Output<'site.live'> }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'> | null>(null);

  useEffect(() => {
    const busy = desks.flatMap((desk) => desk.perHour.flatMap((people, hour) => (people > 0 ? [hour] : [])));
    const from = Math.min(FIRST_HOUR, ...busy);
    const to = Math.max(LAST_HOUR, ...busy);
    const hours = Array.from({ length: to - from + 1 }, (_, i) => from + i);
    const data = {
      labels: hours.map((hour) => `${String(hour).padStart(2, '0')}:00`),
      datasets: desks.map((desk, i) => ({
        label: deskName(t, desk.desk),
        data: hours.map((hour) => desk.perHour[hour]),
        backgroundColor: COLOURS[i % COLOURS.length],
      })),
    };
    if (!chart.current) {
      chart.current = new Chart(canvas.current!, {
        type: 'bar',
        data,
        options: {
          animation: false,
          maintainAspectRatio: false,
          scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
          plugins: { legend: { position: 'bottom' } },
        },
      });
    } else {
      chart.current.data = data;
      chart.current.update();
    }
  }, [desks, t]);

  useEffect(
    () => () => {
      chart.current?.destroy();
      chart.current = null;
    },
    [],
  );

  return (
    <section className="card per-hour">
      <h2>{t('live.perHour')}</h2>
      <div className="per-hour-chart">
        <canvas ref={canvas} data-testid="per-hour-chart" role="img" aria-label={t('live.perHour')} />
      </div>
    </section>
  );
}
