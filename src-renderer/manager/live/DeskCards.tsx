// One card per desk: who works there, the open tube and its fill, when it last registered somebody, its devices.
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { DeviceStrip } from '../../shared/DeviceStrip';
import { deskName } from '../../shared/deskName';
import { useNow } from '../../shared/useNow';
import { wallClock } from '../../shared/wallClock';
import { DeskTube } from './DeskTube';

export function DeskCards({ desks }: { desks: Output<'site.live'> }) {
  const { t } = useTranslation();
  const now = useNow();
  if (desks.length === 0) return <p className="muted">{t('live.noDesks')}</p>;
  return (
    <section className="desk-cards">
      {desks.map((desk) => (
        <article key={desk.desk} className="card desk-card" data-testid={`live-desk-${desk.desk}`}>
          <header>
            <h3>{deskName(t, desk.desk)}</h3>
            <span className={desk.operator && !desk.locked ? 'desk-who' : 'desk-who desk-away'}>
              {desk.operator === null ? t('live.signedOut') : desk.locked ? t('live.locked', { name: desk.operator }) : desk.operator}
            </span>
          </header>
          <DeskTube tube={desk.tube} testId={`live-tube-${desk.desk}`} />
          <div className="muted">
            {desk.lastScanAt
              ? t('live.lastScan', { time: wallClock(desk.lastScanAt), minutes: Math.max(0, Math.floor((now - Date.parse(desk.lastScanAt)) / 60_000)) })
              : t('live.noScanToday')}
          </div>
          <DeviceStrip devices={desk.devices} />
        </article>
      ))}
    </section>
  );
}
