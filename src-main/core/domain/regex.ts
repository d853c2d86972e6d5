/** Whether a pattern a manager typed into the settings is a regular expression at all. */
export function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}
