// The rows of a ledger that cannot be imported, each with its row number, column and reason, and the file of all of
// them to send back to the grid worker who keeps the ledger.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { saveMadeFile } from '../export/fetchParts';

type Preview = Output<'roster.open'>;

export function RefusedRows({ preview }: { preview: Preview }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  if (preview.refusedCount === 0) return null;

  async function save(format: 'csv' | 'xlsx'): Promise<void> {
    // In Chinese (the core's default), whatever the window's language: it goes to the grid worker.
    const result = await bridge.call('roster.refusedRows', { fileId: preview.fileId, format });
    setFailed(!(result.ok && (await saveMadeFile(result.value))));
  }

  return (
    <section className="card roster-block" data-testid="roster-refused">
      <h3>{t('roster.refusedTitle', { count: preview.refusedCount })}</h3>
      {preview.refused.length < preview.refusedCount && (
        <p className="muted">{t('roster.refusedShown', { shown: preview.refused.length, count: preview.refusedCount })}</p>
      )}
      <table className="data-table roster-table">
        <thead>
          <tr>
            <th>{t('roster.row')}</th>
            <th>{t('roster.column')}</th>
            <th>{t('roster.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {preview.refused.map((refused) => (
            <tr key={`${refused.row}-${refused.column}`} data-testid={`refused-row-${refused.row}`}>
              <td>{refused.row}</td>
              <td>{refused.column}</td>
              <td>{t(`roster.problem.${refused.problem}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="roster-actions">
        <span>{t('roster.saveRefused')}</span>
        <button type="button" className="secondary" data-testid="refused-xlsx" onClick={() => void save('xlsx')}>
          {t('roster.saveXlsx')}
        </button>
        <button type="button" className="secondary" data-testid="refused-csv" onClick={() => void save('csv')}>
          {t('roster.saveCsv')}
        </button>
        {failed && <span className="setting-error" role="alert">{t('roster.saveFailed')}</span>}
      </div>
    </section>
  );
}
