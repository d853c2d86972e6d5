// Slows down guessing: after a few failed sign-ins for one name, or from one address, further tries are refused
// for a while, right or wrong. Kept in the process: each hub process counts the tries it answered.
export const MAX_FAILURES = 5;
/** One address may be a proxy or an office's NAT that many people share. */
export const MAX_FAILURES_PER_ADDRESS = 20;
export const LOCKOUT_MS = 15 * 60_000;
/** Past this many names and addresses counted, those whose time is up are dropped: guessing cannot fill memory. */
const PRUNE_ABOVE = 10_000;

interface Failures {
  count: number;
  /** When the count started; it starts again LOCKOUT_MS later. */
  since: number;
}

export function createSignInLimit(now: () => number = Date.now) {
  const failures = new Map<string, Failures>();

  const current = (key: string): Failures | undefined => {
    const entry = failures.get(key);
    if (entry && now() - entry.since >= LOCKOUT_MS) {
      failures.delete(key);
      return undefined;
    }
    return entry;
  };

  const keysOf = (name: string, address: string) => [`name:${name.trim().toLowerCase()}`, `address:${address}`];

  return {
    /** Seconds until a try is heard again for this name and address; 0 if one may try now. */
    blockedFor(name: string, address: string): number {
      const waits = keysOf(name, address).map((key, index) => {
        const entry = current(key);
        const most = index === 0 ? MAX_FAILURES : MAX_FAILURES_PER_ADDRESS;
        return entry && entry.count >= most ? Math.ceil((entry.since + LOCKOUT_MS - now()) / 1000) : 0;
      });
      return Math.max(...waits);
    },
    failed(name: string, address: string): void {
      if (failures.size > PRUNE_ABOVE) for (const key of [...failures.keys()]) current(key);
      for (const key of keysOf(name, address)) {
        const entry = current(key) ?? { count: 0, since: now() };
        entry.count += 1;
        failures.set(key, entry);
      }
    },
    /** A right password clears the name's count (the address keeps its own). */
    succeeded(name: string): void {
      failures.delete(keysOf(name, '')[0]);
    },
  };
}

export type SignInLimit = ReturnType<typeof createSignInLimit>;
