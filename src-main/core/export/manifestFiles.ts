// A handover manifest as a spreadsheet: CSV (as the day's export writes it) and XLSX (exceljs), one row per tube
// under the manifest's own facts, so a filter or a pivot needs nothing else; the XLSX adds the totals, the
// temperature and the signature lines, and prints on A4, one page wide, as the paper reads.
import { stringify } from 'csv-stringify/sync';
import type { Borders, Worksheet } from 'exceljs';
import type { Manifest } from '../transport/manifest';
import { csvCell, xlsxCell, type CellKind, type CellValue, type Column } from './cells';
import { boldHeader, filterRange, sheetColumns, sheetOptions } from './sheetLayout';
import { exportWords, type ExportLanguage } from './words';
import { CSV_OPTIONS } from './writeCsv';

type Key = 'number' | 'handedAt' | 'courier' | 'phone' | 'vehicle' | 'bag' | 'tube' | 'people';

const COLUMNS: readonly [Key, CellKind, number][] = [
  ['number', 'code', 14],
  ['handedAt', 'time', 20],
  ['courier', 'text', 12],
  ['phone', 'code', 14],
  ['vehicle', 'text', 12],
  ['bag', 'code', 16],
  ['tube', 'code', 16],
  ['people', 'number', 8],
];

function manifestColumns(language: ExportLanguage): Column[] {
  const { columns } = exportWords(language).manifest;
  return COLUMNS.map(([key, kind, width]) => ({ header: columns[key], kind, width }));
}

/** One row per tube, each carrying the manifest's facts, in column order. */
export function manifestRows(manifest: Manifest): CellValue[][] {
  const { number, handedAt, courier } = manifest;
  return manifest.bags.flatMap((bag) =>
    bag.tubes.map((tube) => [number, handedAt, courier.name, courier.phone, courier.vehicle, bag.barcode, tube.barcode, tube.people]),
  );
}

export function manifestCsv(manifest: Manifest, language: ExportLanguage): Buffer {
  const columns = manifestColumns(language);
  const rows = manifestRows(manifest).map((row) => columns.map(({ kind }, i) => csvCell(kind, row[i])));
  return Buffer.from(stringify([columns.map(({ header }) => header), ...rows], CSV_OPTIONS), 'utf8');
}

/** A line to sign on: the cell's bottom border. */
const SIGNING_LINE: Partial<Borders> = { bottom: { style: 'thin' } };
const SIGNING_ROW_HEIGHT = 36;

/** The totals, the temperature and the two signature lines, each with its date, under the tube rows. */
function footer(sheet: Worksheet, manifest: Manifest, language: ExportLanguage): void {
  const words = exportWords(language).manifest;
  const { bags, tubes, people } = manifest.totals;
  sheet.addRow([]);
  const totals = sheet.addRow([words.total, '', '', '', '', words.bags(bags), words.tubes(tubes), people]);
  totals.font = { bold: true };
  const temperature = sheet.addRow([words.temperature, manifest.temperature ?? '']);
  // Under the time column: the temperature is a number, not a date.
  temperature.getCell(2).numFmt = '0.0';
  temperature.getCell(2).alignment = { horizontal: 'left' };
  sheet.addRow([]);
  for (const labels of [
    [words.signSite, words.signCourier],
    [words.signedAt, words.signedAt],
  ]) {
    const row = sheet.addRow([labels[0], '', '', '', labels[1]]);
    row.height = SIGNING_ROW_HEIGHT;
    row.alignment = { vertical: 'bottom' };
    for (const column of [2, 3, 6, 7]) row.getCell(column).border = SIGNING_LINE;
  }
}

export async function manifestXlsx(manifest: Manifest, language: ExportLanguage): Promise<Buffer> {
  // Loaded on first use: exceljs alone would add a third of a second to every start.
  const { default: ExcelJS } = await import('exceljs');
  const columns = manifestColumns(language);
  const title = exportWords(language).manifest.title(manifest.number);
  const workbook = new ExcelJS.Workbook();
  const options = sheetOptions('portrait');
  const sheet = workbook.addWorksheet(title, {
    ...options,
    // The header row on every printed page; the manifest's number above, the page's number below.
    pageSetup: { ...options.pageSetup, printTitlesRow: '1:1' },
    headerFooter: { oddHeader: `&C&B${title.replaceAll('&', '&&')}`, oddFooter: '&C&P / &N' },
  });
  sheet.columns = sheetColumns(columns);
  boldHeader(sheet.getRow(1));
  const rows = manifestRows(manifest);
  for (const row of rows) sheet.addRow(columns.map(({ kind }, i) => xlsxCell(kind, row[i])));
  sheet.autoFilter = filterRange(columns.length, rows.length + 1);
  footer(sheet, manifest, language);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
