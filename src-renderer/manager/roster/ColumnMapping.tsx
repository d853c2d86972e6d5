// Each column of the ledger with its header and the field it is imported as. The core found what it could by the
// headers' names; the manager changes any of them, and each change reads the file again with the new mapping.
import { useTranslation } from 'react-i18next';
import type { Input, Output } from '../../../src-main/core/contract';
import { ROSTER_FIELDS } from '../../../src-main/core/domain/roster';

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
    <ul className="roster-mapping" data-testid="roster-mapping">
      {preview.columns.map((column) => {
        const header = column.header || t('roster.unnamedColumn', { index: column.index + 1 });
        return (
          <li key={column.index} className={column.field ? 'mapped' : undefined}>
            <label>
              <span>{header}</span>
              <select
                data-testid={`map-${column.index}`}
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
            </label>
          </li>
        );
      })}
    </ul>
  );
}
