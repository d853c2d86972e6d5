// What an exported cell may hold: never a formula, never a character that hides or turns text.
import { INVISIBLE_CHARACTER } from '../domain/personText';

// A cell that a spreadsheet would read as a formula (= + - @, or a tab or line break first) is written as text,
// so a name typed as "=HYPERLINK(…)" can never run in the manager's Excel.
const FORMULA_START = /^[=+\-@\t\r\n]/;

// Rows stored before the text rule may still hold controls, direction or zero-width characters. Each is replaced
// by U+FFFD rather than dropped: the reader sees that something was there, no two names silently become one, and
// no file shows a reversed name or sends an escape sequence to a terminal.
const INVISIBLE_CHARACTERS = new RegExp(INVISIBLE_CHARACTER.source, 'gu');
const REPLACEMENT_CHARACTER = '\ufffd';

export function neutralise(value: string): string {
  const visible = value.replace(INVISIBLE_CHARACTERS, REPLACEMENT_CHARACTER);
  return FORMULA_START.test(value) ? `'${visible}` : visible;
}
