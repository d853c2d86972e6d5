// A site's registrations of the day, masked. An officer may open one in full: the hub writes who opened it to its
// audit before it answers, and the page says so beside the record.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FullRegistration, Me } from '../../src-main/hub/console/schemas';
import { consoleApi } from './consoleApi';
import { timeOf } from './format';
import { problemKey } from './problems';
import { useConsoleData } from './useConsoleData';

export function Registrations({ code, me, onSignedOut }: { code: string; me: Me; onSignedOut: () => void }) {
  const { t } = useTranslation();
  const { data, problem } = useConsoleData(() => consoleApi.registrations(code), onSignedOut, code);
  const [full, setFull] = useState<FullRegistration | null>(null);
  const [openProblem, setOpenProblem] = useState<string | null>(null);

  async function open(registrationId: string): Promise<void> {
    const answer = await consoleApi.open(code, registrationId);
    if (answer.ok) {
      setOpenProblem(null);
      setFull(answer.data);
    } else if (answer.error === 'signed-out') onSignedOut();
    else setOpenProblem(answer.error);
  }

  return (
    <section className="card console-section" data-testid="console-registrations">
      <h3>{t('console.registrations.title')}</h3>
      <p className="console-note">{me.role === 'officer' ? t('console.registrations.officerNote') : t('console.registrations.viewerNote')}</p>
      {(problem ?? openProblem) && (
        <p className="console-problem" role="alert">
          {t(problemKey((problem ?? openProblem)!))}
        </p>
      )}
      {data && (
        <table className="console-table">
          <thead>
            <tr>
              <th>{t('console.registrations.tube')}</th>
              <th className="number">{t('console.registrations.position')}</th>
              <th>{t('console.registrations.name')}</th>
              <th>{t('console.registrations.docNumber')}</th>
              <th>{t('console.registrations.phone')}</th>
              <th>{t('console.registrations.status')}</th>
              <th>{t('console.registrations.added')}</th>
              {me.role === 'officer' && <th />}
            </tr>
          </thead>
          <tbody>
            {data.registrations.map((row) => (
              <tr key={row.registrationId} data-testid="console-registration">
                <td>{row.tubeBarcode ?? t('console.none')}</td>
                <td className="number">{row.position ?? t('console.none')}</td>
                <td>{row.name}</td>
                <td>{row.docNumber}</td>
                <td>{row.phone || t('console.none')}</td>
                <td>{t(`console.registrations.state.${row.status ?? 'unknown'}`)}</td>
                <td>{timeOf(row.addedAt)}</td>
                {me.role === 'officer' && (
                  <td>
                    <button type="button" onClick={() => void open(row.registrationId)} data-testid="console-open-registration">
                      {t('console.registrations.open')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {full && <FullRecord record={full} onClose={() => setFull(null)} />}
    </section>
  );
}

function FullRecord({ record, onClose }: { record: FullRegistration; onClose: () => void }) {
  const { t } = useTranslation();
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  const fields = [
    ['name', record.name],
    ['docType', record.docType && t(`manual.docTypes.${record.docType}`, { defaultValue: record.docType })],
    ['docNumber', record.docNumber],
    ['phone', record.phone],
    ['sex', record.sex && t(`sex.${record.sex}`, { defaultValue: record.sex })],
    ['birthDate', record.birthDate],
    ['tube', record.tubeBarcode],
    ['voidReason', record.voidReason],
  ] as const;
  return (
    <div
      className="console-record card"
      role="dialog"
      aria-modal="true"
      aria-label={t('console.registrations.fullTitle')}
      data-testid="console-full-record"
      onKeyDown={(event) => event.key === 'Escape' && onClose()}
    >
      <h3>{t('console.registrations.fullTitle')}</h3>
      <p className="console-note">{t('console.registrations.audited')}</p>
      <dl>
        {fields.map(([field, value]) => (
          <div key={field}>
            <dt>{t(`console.registrations.${field}`)}</dt>
            <dd data-testid={`full-${field}`}>{value || t('console.none')}</dd>
          </div>
        ))}
      </dl>
      <button type="button" ref={close} onClick={onClose} data-testid="console-close-record">
        {t('console.registrations.close')}
      </button>
    </div>
  );
}
