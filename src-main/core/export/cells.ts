// What an exported cell holds, and how each kind of value is written so that Excel, WPS and LibreOffice open it as
// it was stored: never a formula, never a character that hides or turns text, codes as text, times as times.
import { INVISIBLE_CHARACTER } from '../domain/personText';

/**
 * code: an ID number, a barcode, a phone, a manifest number (digits that must never become a number: an 18-digit
 * ID turns into 3.10104195102062E+17 and loses its last digits); text: words and names; number: counts;
 * time: an instant, stored as ISO and shown in the site's local time.
 */
export type CellKind = 'code' | 'text' | 'number' | 'time';

/** One column of an exported table: its header, what its cells hold, and its width in characters. */
export interface Column {
  header: string;
  kind: CellKind;
  width: number;
}

export type CellValue = string | number;

// A cell that a spreadsheet would read as a formula (= + - @, or a tab or line break first) is written as text,
// so a name typed as "=HYPERLINK(…)" can never run in the manager's Excel.
const FORMULA_START = /^[=+\-@\t\r\n]/;

// Rows stored before the text rule may still hold controls, direction or zero-width characters. Each is replaced
// by U+FFFD rather than dropped: the reader sees that something was there, no two names silently become one, and
// no file shows a reversed name or sends an escape sequence to a terminal.
const INVISIBLE_CHARACTERS = new RegExp(INVISIBLE_CHARACTER.source, 'gu');
const REPLACEMENT_CHARACTER = '\ufffd';

const visible = (value: string) => value.replace(INVISIBLE_CHARACTERS, REPLACEMENT_CHARACTER);

/** CSV text: a leading quote makes a formula-looking value text (the spreadsheet shows the quote). */
export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${visible(value)}` : visible(value);
}

/** Excel refuses a string constant in a formula longer than this. */
const FORMULA_STRING_MAX = 255;

/**
 * A code in a CSV: ="310104195102062345". Opening a CSV, Excel and WPS guess each cell's type, with no way to ask
 * for text (a leading apostrophe is shown as typed; a tab or space travels with the value into every copy and
 * paste). A formula whose result is a string constant is the one form that Excel, WPS, LibreOffice and Google
 * Sheets all show as the exact text, with nothing added to the value. It is safe: the value sits inside a string
 * constant, its quotes doubled, its controls and line breaks already replaced, so nothing in it can end the
 * constant or start a formula of its own.
 */
function textFormula(value: string): string {
  const shown = visible(value);
  return shown.length > FORMULA_STRING_MAX ? neutralise(value) : `="${shown.replaceAll('"', '""')}"`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An instant as the site's clock showed it: 2026-11-22 09:30:00. */
export function localDateTime(iso: string): string {
  const at = new Date(iso);
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}:${pad(at.getMinutes())}:${pad(at.getSeconds())}`;
}

/** A cell of a CSV: every spreadsheet reads "2026-11-22 09:30:00" as a date and time. */
export function csvCell(kind: CellKind, value: CellValue): string {
  if (kind === 'number') return String(value);
  if (kind === 'time') return localDateTime(String(value));
  return kind === 'code' ? textFormula(String(value)) : neutralise(String(value));
}

/**
 * A cell of an XLSX. A spreadsheet's date is a count of days with no time zone: exceljs counts from the Date's UTC
 * fields, so the Date given has the site's local clock in them. Text is a string cell (never a formula), in a column
 * formatted as text (XLSX_FORMATS), so no apostrophe is needed and what is typed there later stays text too.
 */
export function xlsxCell(kind: CellKind, value: CellValue): string | number | Date {
  if (kind === 'number') return value;
  if (kind === 'time') {
    const at = new Date(String(value));
    return new Date(
      Date.UTC(at.getFullYear(), at.getMonth(), at.getDate(), at.getHours(), at.getMinutes(), at.getSeconds(), at.getMilliseconds()),
    );
  }
  return visible(String(value));
}

/** Each kind's number format: text for codes and words, a date and time for times. */
export const XLSX_FORMATS: Record<CellKind, string | undefined> = {
  code: '@',
  text: '@',
  number: undefined,
  time: 'yyyy-mm-dd hh:mm:ss',
};
