// Per-launch keys: each window's URL carries a random key that names its identity. Another local user or a web
// page cannot guess one, and a clerk's key cannot be turned into a manager's by editing the URL.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Identity } from '../core/contract';
import { identityOf, type StationWindow } from '../core/stationWindows';

export interface WindowKey {
  window: StationWindow;
  key: string;
}

export function issueKeys(windows: readonly StationWindow[]): WindowKey[] {
  return windows.map((window) => ({ window, key: randomBytes(24).toString('base64url') }));
}

export function identityForKey(keys: readonly WindowKey[], candidate: string): Identity | undefined {
  const given = Buffer.from(candidate);
  for (const { window, key } of keys) {
    const expected = Buffer.from(key);
    if (given.length === expected.length && timingSafeEqual(given, expected)) return identityOf(window);
  }
  return undefined;
}
