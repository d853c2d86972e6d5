// Every site the hub knows, with its people, tubes, bags and handovers of the day and its stations' last contact.
import { useTranslation } from 'react-i18next';
import { consoleApi } from './consoleApi';
import { timeOf } from './format';
import { problemKey } from './problems';
import { useConsoleData } from './useConsoleData';

export function SitesList({ onOpen, onSignedOut }: { onOpen: (code: string) => void; onSignedOut: () => void }) {
  const { t } = useTranslation();
  const { data, problem } = useConsoleData(consoleApi.sites, onSignedOut, 'sites');
  if (problem) return <p className="console-problem" role="alert">{t(problemKey(problem))}</p>;
  if (!data) return null;
  return (
    <section className="card console-section" data-testid="console-sites">
      <h2>{t('console.sites.title', { day: data.day })}</h2>
      {data.sites.length === 0 ? (
        <p>{t('console.sites.none')}</p>
      ) : (
        <table className="console-table">
          <thead>
            <tr>
              <th>{t('console.sites.site')}</th>
              <th>{t('console.sites.stations')}</th>
              <th>{t('console.sites.lastContact')}</th>
              <th className="number">{t('console.totals.people')}</th>
              <th className="number">{t('console.totals.tubesOpen')}</th>
              <th className="number">{t('console.totals.tubesSealed')}</th>
              <th className="number">{t('console.totals.bags')}</th>
              <th className="number">{t('console.totals.handovers')}</th>
              <th className="number">{t('console.sites.conflicts')}</th>
            </tr>
          </thead>
          <tbody>
            {data.sites.map((site) => (
              <tr key={site.code} data-testid="console-site" data-site={site.code}>
                <td>
                  <button type="button" className="console-link" onClick={() => onOpen(site.code)} data-testid="console-open-site">
                    {site.name ? t('console.sites.named', { code: site.code, name: site.name }) : site.code}
                  </button>
                </td>
                <td className="number">{site.stations}</td>
                <td>{timeOf(site.lastContact)}</td>
                <td className="number" data-testid="total-people">{site.totals.people}</td>
                <td className="number" data-testid="total-tubes-open">{site.totals.tubesOpen}</td>
                <td className="number" data-testid="total-tubes-sealed">{site.totals.tubesSealed}</td>
                <td className="number" data-testid="total-bags">
                  {t('console.sites.bags', { bags: site.totals.bags, sealed: site.totals.bagsSealed })}
                </td>
                <td className="number" data-testid="total-handovers">{site.totals.handovers}</td>
                <td className={site.conflicts > 0 ? 'number console-warn' : 'number'}>{site.conflicts}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
