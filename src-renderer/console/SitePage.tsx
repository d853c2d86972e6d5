// One site today: its stations (last contact, upload backlog as each last reported it, facts of the day received),
// its desks, its handovers and its registrations, masked; an officer may open one in full, and the hub audits each
// opening.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me, SiteAnswer } from '../../src-main/hub/console/schemas';
import { consoleApi } from './consoleApi';
import { ageOf, timeOf } from './format';
import { problemKey } from './problems';
import { Registrations } from './Registrations';
import { useConsoleData } from './useConsoleData';

interface Props {
  code: string;
  me: Me;
  onBack: () => void;
  onSignedOut: () => void;
}

export function SitePage({ code, me, onBack, onSignedOut }: Props) {
  const { t } = useTranslation();
  const { data, problem } = useConsoleData(() => consoleApi.site(code), onSignedOut, code);
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => back.current?.focus(), []);

  const backlogOf = (backlog: SiteAnswer['stations'][number]['backlog']) => {
    if (backlog === null) return t('console.site.backlogNever');
    if (backlog.waiting === 0 || backlog.oldestAt === null) return t('console.site.backlogNone');
    return t('console.site.backlogWaiting', { count: backlog.waiting, age: ageOf(backlog.oldestAt) });
  };
  const stationName = (stationId: string) => data?.stations.find((station) => station.stationId === stationId)?.label ?? t('console.site.unlabelled');

  return (
    <div className="console-site" data-testid="console-site-page">
      <button type="button" ref={back} onClick={onBack} data-testid="console-back">
        {t('console.site.back')}
      </button>
      {problem && <p className="console-problem" role="alert">{t(problemKey(problem))}</p>}
      {data && (
        <>
          <h2>{data.site.name ? t('console.sites.named', { code: data.site.code, name: data.site.name }) : data.site.code}</h2>
          <dl className="console-totals" data-testid="console-site-totals">
            {(['people', 'tubesOpen', 'tubesSealed', 'bags', 'handovers'] as const).map((total) => (
              <div key={total}>
                <dt>{t(`console.totals.${total}`)}</dt>
                <dd data-testid={`site-total-${total}`}>{data.site.totals[total]}</dd>
              </div>
            ))}
          </dl>
          <section className="card console-section" data-testid="console-stations">
            <h3>{t('console.site.stations')}</h3>
            <p className="console-note">{t('console.site.backlogNote')}</p>
            <table className="console-table">
              <thead>
                <tr>
                  <th>{t('console.site.station')}</th>
                  <th>{t('console.site.lastContact')}</th>
                  <th>{t('console.site.backlog')}</th>
                  <th className="number">{t('console.site.factsToday')}</th>
                </tr>
              </thead>
              <tbody>
                {data.stations.map((station) => (
                  <tr key={station.stationId} data-testid="console-station">
                    <td>{station.label ?? t('console.site.unlabelled')}</td>
                    <td>{timeOf(station.lastContact)}</td>
                    <td data-testid="console-station-backlog">{backlogOf(station.backlog)}</td>
                    <td className="number">{station.factsToday}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="card console-section" data-testid="console-desks">
            <h3>{t('console.site.desks')}</h3>
            <table className="console-table">
              <thead>
                <tr>
                  <th>{t('console.site.station')}</th>
                  <th>{t('console.site.desk')}</th>
                  <th className="number">{t('console.site.tubes')}</th>
                  <th>{t('console.site.openTube')}</th>
                  <th>{t('console.site.lastOpened')}</th>
                </tr>
              </thead>
              <tbody>
                {data.desks.map((desk) => (
                  <tr key={`${desk.stationId}/${desk.desk}`}>
                    <td>{stationName(desk.stationId)}</td>
                    <td>{desk.desk}</td>
                    <td className="number">{desk.tubes}</td>
                    <td>{desk.openTube ?? t('console.none')}</td>
                    <td>{timeOf(desk.lastOpenedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section className="card console-section" data-testid="console-handovers">
            <h3>{t('console.site.handovers')}</h3>
            {data.handovers.length === 0 ? (
              <p>{t('console.site.noHandovers')}</p>
            ) : (
              <table className="console-table">
                <thead>
                  <tr>
                    <th>{t('console.site.manifest')}</th>
                    <th>{t('console.site.station')}</th>
                    <th>{t('console.site.handedAt')}</th>
                    <th>{t('console.site.courier')}</th>
                    <th className="number">{t('console.totals.bags')}</th>
                    <th className="number">{t('console.site.temperature')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.handovers.map((handover) => (
                    <tr key={handover.handoverId} data-testid="console-handover">
                      <td>{handover.number}</td>
                      <td>{stationName(handover.stationId)}</td>
                      <td>{timeOf(handover.handedAt)}</td>
                      <td>{handover.courierName}</td>
                      <td className="number">{handover.bags}</td>
                      <td className="number">
                        {handover.temperature === null ? t('console.none') : t('console.site.degrees', { value: handover.temperature })}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <Registrations code={code} me={me} onSignedOut={onSignedOut} />
        </>
      )}
    </div>
  );
}
