// The end-of-day summary, on one A4 page: the day's people, tubes, bags and handovers, the corrections and voids,
// and where uploading stands, with a line for the manager's signature. Any past day can be shown and printed.
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { HandoverTable } from '../handover/HandoverTable';
import { localTime } from '../handover/localTime';
import './summary.css';

type Summary = Output<'site.daySummary'>;

function Figures({ title, rows }: { title: string; rows: [string, ReactNode][] }) {
  return (
    <section className="summary-block">
      <h3>{title}</h3>
      <dl>
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function DaySummary({ today, operator }: { today: string; operator: string }) {
  const { t } = useTranslation();
  const [day, setDay] = useState(today);
  const [summary, setSummary] = useState<Summary | null>(null);

  useEffect(() => {
    void bridge.call('site.daySummary', { day }).then((result) => {
      if (result.ok) setSummary(result.value);
    });
  }, [day]);

  const when = (iso: string | null) => (iso === null ? t('summary.never') : localTime(iso));
  return (
    <div className="day-summary-screen">
      <div className="summary-actions no-print">
        <label>
          <span>{t('summary.day')}</span>
          <input type="date" data-testid="summary-day" value={day} max={today} onChange={(event) => event.currentTarget.value && setDay(event.currentTarget.value)} />
        </label>
        <button type="button" className="primary" data-testid="summary-print" onClick={() => window.print()}>
          {t('summary.print')}
        </button>
      </div>
      {summary && (
        <article className="day-summary card" data-testid="day-summary">
          <header>
            <h2>{t('summary.title', { day: summary.day })}</h2>
            <p>{t('summary.site', { name: summary.site.name || '—', code: summary.site.code || '—' })}</p>
          </header>
          <div className="summary-grid">
            <Figures
              title={t('summary.sections.people')}
              rows={[
                [t('summary.registered'), summary.people.registered],
                [t('summary.desks'), summary.desks],
              ]}
            />
            <Figures
              title={t('summary.sections.tubes')}
              rows={[
                [t('summary.tubesSealed'), summary.tubes.sealed],
                [t('summary.tubesOpen'), summary.tubes.open],
                [t('summary.tubesUnbagged'), summary.tubes.unbagged],
              ]}
            />
            <Figures
              title={t('summary.sections.bags')}
              rows={[
                [t('summary.bagsSealed'), summary.bags.sealed],
                [t('summary.bagsOpen'), summary.bags.open],
                [t('summary.bagsHandedOver'), summary.bags.handedOver],
              ]}
            />
            <Figures
              title={t('summary.sections.corrections')}
              rows={[
                [t('summary.corrections'), summary.corrections],
                [t('summary.peopleVoided'), summary.people.voided],
                [t('summary.tubesVoided'), summary.tubes.voided],
              ]}
            />
            <Figures
              title={t('summary.sections.upload')}
              rows={[
                [t('summary.sections.upload'), t(`summary.uploadState.${summary.upload.state}`)],
                [t('summary.uploadWaiting'), summary.upload.waiting],
                [t('summary.uploadOldest'), when(summary.upload.oldestAt)],
                [t('summary.uploadHeld'), summary.upload.held],
                [t('summary.uploadLastSuccess'), when(summary.upload.lastSuccessAt)],
              ]}
            />
          </div>
          <section className="summary-block summary-handovers">
            <h3>{t('summary.sections.handovers')}</h3>
            {summary.handovers.length === 0 ? (
              <p>{t('summary.noHandovers')}</p>
            ) : (
              <HandoverTable handovers={summary.handovers} />
            )}
          </section>
          <footer>
            <span>{t('summary.madeAt', { time: localTime(summary.madeAt) })}</span>
            <span>{t('manager.operator', { name: operator })}</span>
            <span className="summary-sign">{t('summary.sign')}</span>
          </footer>
        </article>
      )}
    </div>
  );
}
