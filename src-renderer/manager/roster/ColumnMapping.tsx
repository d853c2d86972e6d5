// Each column of the ledger with its header and the field it is imported as. The core found what it could by the
// headers' names; the manager changes any of them, and each change reads the file again with the new mapping.
import { useTranslation } from 'react-i18next';
import { ROSTER_FIELDS, type Input, type Output } from '../../../src-main/core/contract';

type Preview = Output<'roster.open'>;
type Mapping = NonNullable<Input<'roster.remap'>['mapping']>;
type RosterField = (typeof ROSTER_FIELDS)[number];

/** The mapping with one column's field changed: a field is read from one column only, so it leaves any other. */
function remapped(columns: Preview['columns'], index: number, field: RosterField | null): Mapping {
  const mapping: Mapping = {};
  for (const column of columns) if (column.field && column.index !== index && column.field !== field) mapping[column.field] = column.index;
  if (field) mapping[field] = index;
  return mapping;
}

export function ColumnMapping({ preview, disabled, onRemap }: { preview: Preview; disabled: boolean; onRemap: (mapping: Mapping) => void }) {
  const { t } = useTranslation();
  return (
    <table className="roster-table roster-mapping" data-testid="roster-mapping">
      <thead>
        <tr>
          <th>{t('roster.column')}</th>
          <th>{t('roster.importedAs')}</th>
        </tr>
      </thead>
      <tbody>
        {preview.columns.map((column) => (
          <tr key={column.index}>
            <td>{column.header || t('roster.unnamedColumn', { index: column.index + 1 })}</td>
            <td>
              <select
                data-testid={`map-${column.index}`}
                aria-label={column.header || t('roster.unnamedColumn', { index: column.index + 1 })}
                value={column.field ?? ''}
                disabled={disabled}
                onChange={(event) => onRemap(remapped(preview.columns, column.index, (event.currentTarget.value || null) as RosterField | null))}
              >
                <option value="">{t('roster.notImported')}</option>
                {ROSTER_FIELDS.map((field) => (
                  <option key={field} value={field}>
                    {t(`roster.fields.${field}`)}
                  </option>
                ))}
              </select>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
