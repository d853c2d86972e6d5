// A ledger file's sheets, whatever kind of file it is: an XLSX by what its bytes are (a zip), else a CSV. An old
// .xls, a PDF or anything not a table is refused rather than read as text.
import { readCsv } from './readCsv';
import type { LedgerHooks } from './pace';
import { LedgerUnreadable } from './problems';
import type { LedgerSheet } from './sheet';

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((byte, i) => bytes[i] === byte);

const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** An OLE compound file: Excel 97–2003 (.xls), Word (.doc). */
const OLE = [0xd0, 0xcf, 0x11, 0xe0];
const PDF = [...'%PDF'].map((character) => character.charCodeAt(0));

export async function readSheets(bytes: Uint8Array, fileName: string, hooks: LedgerHooks): Promise<LedgerSheet[]> {
  if (bytes.length === 0) throw new LedgerUnreadable('empty');
  // exceljs loads on first use: it is large, and a station that never imports a ledger never loads it.
  if (startsWith(bytes, ZIP)) return (await import('./readXlsx')).readXlsx(bytes, hooks);
  if (startsWith(bytes, OLE) || startsWith(bytes, PDF) || /\.xls[xm]?$/iu.test(fileName)) throw new LedgerUnreadable('not-a-spreadsheet');
  const sheet = readCsv(bytes, fileName);
  hooks.progress?.({ phase: 'reading', done: sheet.rows.length, total: sheet.rows.length });
  return [sheet];
}
