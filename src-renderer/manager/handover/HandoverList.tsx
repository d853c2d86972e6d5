// The handovers of a day, today's or a past day's, each to open and print again.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { HandoverTable } from './HandoverTable';

type Handovers = Output<'site.handovers'>;
type Days = Output<'site.handoverDays'>;

export function HandoverList({ today, onOpen }: { today: string; onOpen: (number: string) => void }) {
  const { t } = useTranslation();
  const [days, setDays] = useState<Days>([]);
  const [day, setDay] = useState(today);
  const [handovers, setHandovers] = useState<Handovers>([]);

  useEffect(() => {
    void bridge.call('site.handoverDays', {}).then((result) => {
      if (result.ok) setDays(result.value);
    });
  }, []);
  useEffect(() => {
    void bridge.call('site.handovers', { day }).then((result) => {
      if (result.ok) setHandovers(result.value);
    });
  }, [day]);

  // Today is always offered, with or without handovers yet.
  const offered = days.some((d) => d.day === today) ? days : [{ day: today, handovers: 0 }, ...days];
  return (
    <section className="card handover-list" data-testid="handover-list">
      <header>
        <h2>{t('handover.past')}</h2>
        <label>
          <span>{t('handover.pastDay')}</span>
          <select data-testid="handover-day" value={day} onChange={(event) => setDay(event.currentTarget.value)}>
            {offered.map((d) => (
              <option key={d.day} value={d.day}>
                {d.day}
              </option>
            ))}
          </select>
        </label>
      </header>
      {handovers.length === 0 ? (
        <p className="muted">{t('handover.pastNone')}</p>
      ) : (
        <HandoverTable
          handovers={handovers}
          action={(handover) => (
            <button type="button" data-testid={`open-${handover.number}`} onClick={() => onOpen(handover.number)}>
              {t('handover.openPast')}
            </button>
          )}
        />
      )}
    </section>
  );
}
