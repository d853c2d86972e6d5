// The windows a station opens, one per role (and one per desk for clerks). Both shells read this table:
// Electron opens a BrowserWindow for each, the browser station prints a URL for each.
import type { Identity, WindowRole } from './contract';
import { MAX_DESKS } from './site/settings';
export { GUIDE_DESK } from './contract/names';
export { MAX_DESKS };

export interface StationWindow {
  /** Names the window in URLs, logs and tests. */
  id: string;
  role: WindowRole;
  desk?: string;
  /** The renderer entry (one HTML page per role) the window loads. */
  entry: WindowRole;
}

/** The clerk windows of desks 1..desks, then the manager's, then the pre-registration window. */
export function stationWindows(desks = 1): StationWindow[] {
  if (!Number.isInteger(desks) || desks < 1 || desks > MAX_DESKS) {
    throw new Error(`A station serves 1 to ${MAX_DESKS} desks, not ${desks}.`);
  }
  const clerks = Array.from({ length: desks }, (_, i): StationWindow => {
    const desk = String(i + 1);
    return { id: `clerk-${desk}`, role: 'clerk', desk, entry: 'clerk' };
  });
  return [...clerks, { id: 'manager', role: 'manager', entry: 'manager' }, { id: 'guide', role: 'guide', entry: 'guide' }];
}

export const STATION_WINDOWS: readonly StationWindow[] = stationWindows();

/** The desk devices go to when nobody assigned them: only a one-desk station can say. */
export function defaultDeskOf(windows: readonly StationWindow[]): string | null {
  const desks = windows.flatMap((window) => (window.desk === undefined ? [] : [window.desk]));
  return desks.length === 1 ? desks[0] : null;
}

export function identityOf(window: StationWindow): Identity {
  return window.desk === undefined ? { role: window.role } : { role: window.role, desk: window.desk };
}
