// When to try again after a failed attempt: capped exponential backoff with full jitter (a random wait between 0
// and the cap of this attempt), so that stations coming back online together do not call the platform together;
// never sooner than the platform's Retry-After.

export interface BackoffPolicy {
  /** The cap of the first retry, in ms. */
  baseMs: number;
  /** No wait is longer than this, in ms (Retry-After included). */
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1000, capMs: 5 * 60_000 };

/** The wait before retry number `attempt` (1, 2, 3…). */
export function backoffDelay(attempt: number, policy: BackoffPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempt - 1, 30));
  return Math.floor(random() * ceiling);
}

/** Retry-After in ms: delay-seconds or an HTTP date; null when absent or unreadable. */
export function retryAfterMs(header: string | null, now: Date): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // An HTTP date names its day and month; Date.parse would take a bare "-5" for a year.
  if (!/[a-z]{3}/i.test(text)) return null;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now.getTime());
}

/** The wait before the next attempt: the jittered backoff, raised to Retry-After, within the cap. */
export function nextWait(attempt: number, retryAfter: number | null, policy: BackoffPolicy, random?: () => number): number {
  return Math.min(policy.capMs, Math.max(backoffDelay(attempt, policy, random), retryAfter ?? 0));
}
