// Per-launch keys: each window's URL carries a random key that names its identity. Another local user or a web
// page cannot guess one, and a clerk's key cannot be turned into a manager's by editing the URL.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Identity } from '../core/contract';
import { identityOf, type StationWindow } from '../core/stationWindows';

export interface WindowKey {
  window: StationWindow;
  key: string;
}

export const newKey = (): string => randomBytes(24).toString('base64url');

export function issueKeys(windows: readonly StationWindow[]): WindowKey[] {
  return windows.map((window) => ({ window, key: newKey() }));
}

/** Compares in constant time, so the key cannot be found a character at a time. */
export function keyMatches(key: string, candidate: string): boolean {
  const given = Buffer.from(candidate);
  const expected = Buffer.from(key);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export function identityForKey(keys: readonly WindowKey[], candidate: string): Identity | undefined {
  const match = keys.find(({ key }) => keyMatches(key, candidate));
  return match && identityOf(match.window);
}
