// The round's coverage as a table for a file: the total, each grid, building and group, and the visitors, one row
// each, in the file's own words.
import type { CellKind, CellValue, Column } from '../export/cells';
import { exportWords, type ExportLanguage } from '../export/words';
import type { Counts, Coverage } from './schemas';

type Key = 'dimension' | 'grid' | 'building' | 'tag' | 'onRoster' | 'sampled' | 'notYet' | 'excused' | 'rate';

const COLUMNS: readonly [Key, CellKind, number][] = [
  ['dimension', 'text', 10],
  ['grid', 'text', 12],
  ['building', 'text', 10],
  ['tag', 'text', 12],
  ['onRoster', 'number', 10],
  ['sampled', 'number', 8],
  ['notYet', 'number', 8],
  ['excused', 'number', 8],
  ['rate', 'text', 8],
];

export function coverageTable(coverage: Coverage, language: ExportLanguage) {
  const words = exportWords(language).coverage;
  const columns: Column[] = COLUMNS.map(([key, kind, width]) => ({ header: words.columns[key], kind, width }));
  const row = (dimension: keyof typeof words.dimensions, place: { grid?: string; building?: string; tag?: string }, counts: Counts): CellValue[] => {
    const cells: Record<Key, CellValue> = {
      dimension: words.dimensions[dimension],
      grid: place.grid ?? '',
      building: place.building ?? '',
      tag: place.tag ?? '',
      ...counts,
      rate: `${(counts.rate * 100).toFixed(1)}%`,
    };
    return COLUMNS.map(([key]) => cells[key]);
  };
  const rows: CellValue[][] = [
    row('total', {}, coverage.total),
    ...coverage.grids.map(({ grid, ...counts }) => row('grid', { grid }, counts)),
    ...coverage.buildings.map(({ grid, building, ...counts }) => row('building', { grid, building }, counts)),
    ...coverage.tags.map(({ tag, ...counts }) => row('tag', { tag }, counts)),
    COLUMNS.map(([key]) => (key === 'dimension' ? words.dimensions.visitors : key === 'sampled' ? coverage.visitors : '')),
  ];
  return { columns, rows, sheetName: words.sheet };
}
