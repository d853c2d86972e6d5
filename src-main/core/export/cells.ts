// A cell that a spreadsheet would read as a formula (= + - @, or a tab or line break first) is written as text,
// so a name typed as "=HYPERLINK(…)" can never run in the manager's Excel.
const FORMULA_START = /^[=+\-@\t\r\n]/;

export function neutralise(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}
