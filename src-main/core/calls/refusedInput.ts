// An input the schema let through that the feature still refuses (a file that is no spreadsheet, a person the
// roster does not hold): answered as invalid input, with the issue the window words beside the field.
import type { InputIssue } from '../domain/inputIssues';

export class RefusedInput extends Error {
  constructor(
    message: string,
    readonly issues: InputIssue[],
  ) {
    super(message);
  }
}
