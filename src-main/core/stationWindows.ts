// The windows a station opens, one per role (and one per desk for clerks). Both shells read this table:
// Electron opens a BrowserWindow for each, the browser station prints a URL for each.
import type { Identity, Role } from './contract';

export interface StationWindow {
  /** Names the window in URLs, logs and tests. */
  id: string;
  role: Role;
  desk?: string;
  /** The renderer entry (one HTML page per role) the window loads. */
  entry: Role;
}

export const STATION_WINDOWS: readonly StationWindow[] = [
  { id: 'clerk-1', role: 'clerk', desk: '1', entry: 'clerk' },
  { id: 'manager', role: 'manager', entry: 'manager' },
];

export function identityOf(window: StationWindow): Identity {
  return window.desk === undefined ? { role: window.role } : { role: window.role, desk: window.desk };
}
