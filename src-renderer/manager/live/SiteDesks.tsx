// The other PCs of the site beside this PC's desks, as far as the feed has brought them: a card per desk they worked
// today (its open tube and fill, the people it registered, its last registration), each labelled with its PC and when
// that PC last uploaded, since a PC not heard from lately may have done more than shows here.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { useNow } from '../../shared/useNow';
import { wallClock } from '../../shared/wallClock';
import { DeskTube } from './DeskTube';

type OtherPc = Output<'site.whole'>['pcs'][number];

const minutesSince = (now: number, iso: string) => Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));

export const pcName = (t: TFunction, label: string | null) =>
  label === null ? t('siteFeed.thisPc') : t('siteFeed.pc', { pc: label === '' ? t('siteFeed.unnamedPc') : label });

function PcHeard({ pc, now }: { pc: OtherPc; now: number }) {
  const { t } = useTranslation();
  return (
    <div className="muted site-pc-heard" data-testid={`site-pc-seen-${pc.stationId}`}>
      {pc.lastSeen ? t('siteFeed.lastSeen', { time: wallClock(pc.lastSeen), minutes: minutesSince(now, pc.lastSeen) }) : t('siteFeed.neverSeen')}
    </div>
  );
}

export function SiteDesks({ pcs }: { pcs: OtherPc[] }) {
  const { t } = useTranslation();
  const now = useNow();
  return (
    <section className="site-desks" data-testid="site-desks">
      <h2>{t('siteFeed.otherPcsTitle')}</h2>
      {pcs.length === 0 && <p className="muted">{t('siteFeed.noOtherPcs')}</p>}
      <div className="desk-cards">
        {pcs.flatMap((pc) =>
          pc.desks.length === 0
            ? [
                <article key={pc.stationId} className="card desk-card site-desk-card" data-testid={`site-pc-${pc.stationId}`}>
                  <header>
                    <h3>{pcName(t, pc.label)}</h3>
                  </header>
                  <div className="muted">{t('siteFeed.noDesks')}</div>
                  <PcHeard pc={pc} now={now} />
                </article>,
              ]
            : pc.desks.map((desk) => (
                <article
                  key={`${pc.stationId}-${desk.desk}`}
                  className="card desk-card site-desk-card"
                  data-testid="site-desk"
                  data-pc={pc.label}
                  data-desk={desk.desk}
                >
                  <header>
                    <h3>{t('live.desk', { desk: desk.desk })}</h3>
                    <span className="site-pc-name">{pcName(t, pc.label)}</span>
                  </header>
                  <DeskTube tube={desk.tube} testId="site-desk-tube" />
                  <div className="muted">
                    {t('siteFeed.peopleToday', { count: desk.peopleToday })}
                    {' · '}
                    {desk.lastScanAt
                      ? t('live.lastScan', { time: wallClock(desk.lastScanAt), minutes: minutesSince(now, desk.lastScanAt) })
                      : t('live.noScanToday')}
                  </div>
                  <PcHeard pc={pc} now={now} />
                </article>
              )),
        )}
      </div>
    </section>
  );
}
