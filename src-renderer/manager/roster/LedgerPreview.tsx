// What importing the ledger would do, before anything is stored: the sheet, each column's field, the required fields
// still missing, the counts against the roster as it is, the first people (masked) and the rows refused.
import { useTranslation } from 'react-i18next';
import type { Input, Output } from '../../../src-main/core/contract';
import { ColumnMapping } from './ColumnMapping';
import { RefusedRows } from './RefusedRows';

type Preview = Output<'roster.open'>;
type Choice = Pick<Input<'roster.remap'>, 'sheet' | 'mapping'>;

const COUNTS = ['rows', 'good', 'added', 'updated', 'unchanged', 'refusedCount'] as const;

export function LedgerPreview({
  preview,
  busy,
  onRemap,
  onImport,
  onCancel,
}: {
  preview: Preview;
  busy: boolean;
  onRemap: (choice: Choice) => void;
  onImport: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const blocked = preview.missing.length > 0 || preview.good === 0;
  return (
    <div className="roster-preview" data-testid="roster-preview">
      <section className="card roster-block">
        <h3>{preview.fileName}</h3>
        <div className="roster-actions">
          {preview.sheets.length > 1 && (
            <label>
              <span>{t('roster.sheet')}</span>
              <select data-testid="roster-sheet" value={preview.sheet} disabled={busy} onChange={(event) => onRemap({ sheet: event.currentTarget.value })}>
                {preview.sheets.map((sheet) => (
                  <option key={sheet} value={sheet}>
                    {sheet}
                  </option>
                ))}
              </select>
            </label>
          )}
          <span className="muted">{preview.headerRow > 0 ? t('roster.headerRow', { row: preview.headerRow }) : t('roster.noHeader')}</span>
        </div>
        <h4>{t('roster.columns')}</h4>
        <ColumnMapping preview={preview} disabled={busy} onRemap={(next) => onRemap({ sheet: preview.sheet, mapping: next })} />
        {preview.missing.length > 0 && (
          <p className="field-problem" role="alert" data-testid="roster-missing">
            {t('roster.missing', { fields: preview.missing.map((field) => t(`roster.fields.${field}`)).join(t('roster.fieldsJoin')) })}
          </p>
        )}
      </section>
      <dl className="roster-counts" data-testid="roster-counts">
        {COUNTS.map((count) => (
          <div key={count} className={count === 'refusedCount' && preview.refusedCount > 0 ? 'card refused' : 'card'}>
            <dt>{t(`roster.counts.${count === 'refusedCount' ? 'refused' : count}`)}</dt>
            <dd data-testid={`roster-count-${count}`}>{preview[count]}</dd>
          </div>
        ))}
      </dl>
      <div className="roster-actions">
        <button type="button" className="primary" data-testid="roster-import" disabled={busy || blocked} onClick={onImport}>
          {t('roster.import', { count: preview.good })}
        </button>
        <button type="button" className="secondary" data-testid="roster-drop" disabled={busy} onClick={onCancel}>
          {t('roster.cancel')}
        </button>
      </div>
      <RefusedRows preview={preview} />
      {preview.sample.length > 0 && (
        <section className="card roster-block">
          <h3>{t('roster.sample')}</h3>
          <table className="data-table roster-table" data-testid="roster-sample">
            <thead>
              <tr>
                <th>{t('roster.row')}</th>
                {(['name', 'idNumber', 'phone', 'grid', 'building', 'unit', 'room', 'tags'] as const).map((field) => (
                  <th key={field}>{t(`roster.fields.${field}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.sample.map((person) => (
                <tr key={person.row}>
                  <td>{person.row}</td>
                  <td>{person.name}</td>
                  <td>{person.docNumber}</td>
                  <td>{person.phone}</td>
                  <td>{person.grid}</td>
                  <td>{person.building}</td>
                  <td>{person.unit}</td>
                  <td>{person.room}</td>
                  <td>{person.tags.join(t('roster.fieldsJoin'))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </div>
  );
}
