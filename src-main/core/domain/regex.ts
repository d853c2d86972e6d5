import { because } from './inputIssues';

/** Whether a pattern a manager typed into the settings is a regular expression at all. */
export function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/** The refusal of a pattern that does not compile. */
export const NOT_A_PATTERN = because('not-a-pattern', 'not a valid regular expression');
