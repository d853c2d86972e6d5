// Which part of the roster the not-yet list shows: a grid, a building of it, a unit, a group. The choices are the
// coverage's own lists, so only what the roster holds is offered.
import { useTranslation } from 'react-i18next';
import type { Input, Output } from '../../../src-main/core/contract';

type Coverage = Output<'roster.coverage'>;
export type Filter = NonNullable<Input<'roster.notYet'>['filter']>;

function Select({ label, testId, value, options, onChange }: { label: string; testId: string; value: string | undefined; options: string[]; onChange: (value: string | undefined) => void }) {
  const { t } = useTranslation();
  return (
    <label>
      <span>{label}</span>
      <select data-testid={testId} value={value ?? ''} onChange={(event) => onChange(event.currentTarget.value === '' ? undefined : event.currentTarget.value)}>
        <option value="">{t('coverage.list.all')}</option>
        {options.map((option) => (
          <option key={option} value={option}>
            {option || t('coverage.blank')}
          </option>
        ))}
      </select>
    </label>
  );
}

export function NotYetFilters({ coverage, filter, onChange }: { coverage: Coverage; filter: Filter; onChange: (filter: Filter) => void }) {
  const { t } = useTranslation();
  const buildings = [...new Set(coverage.buildings.filter((b) => filter.grid === undefined || b.grid === filter.grid).map((b) => b.building))];
  return (
    <div className="roster-actions not-yet-filters">
      <Select
        label={t('coverage.grid')}
        testId="filter-grid"
        value={filter.grid}
        options={coverage.grids.map((g) => g.grid)}
        // Another grid's buildings are not this one's.
        onChange={(grid) => onChange({ ...filter, grid, building: undefined })}
      />
      <Select label={t('coverage.building')} testId="filter-building" value={filter.building} options={buildings} onChange={(building) => onChange({ ...filter, building })} />
      <label>
        <span>{t('coverage.list.unit')}</span>
        <input
          data-testid="filter-unit"
          size={6}
          maxLength={100}
          value={filter.unit ?? ''}
          onChange={(event) => onChange({ ...filter, unit: event.currentTarget.value || undefined })}
        />
      </label>
      <Select label={t('coverage.tag')} testId="filter-tag" value={filter.tag} options={coverage.tags.map((tag) => tag.tag)} onChange={(tag) => onChange({ ...filter, tag })} />
    </div>
  );
}
