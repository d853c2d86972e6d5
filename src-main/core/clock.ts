// Time as the core sees it: injected so tests can pin it, local calendar day for "today".
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** The site's calendar day (local time), YYYY-MM-DD. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
