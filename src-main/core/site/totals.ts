// The day's totals the manager watches.
import type { Db } from '../db/database';
import { localDay, type Clock } from '../clock';

export interface Totals {
  day: string;
  peopleToday: number;
  openTubes: number;
  sealedTubesToday: number;
}

export function createTotals(db: Db, clock: Clock) {
  // Day counts are kept by triggers (migration 3); open tubes are few and indexed.
  const day = db.prepare<[string], { people: number; sealed: number }>('SELECT people, sealed FROM day_counts WHERE day = ?');
  const open = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM tubes WHERE status = 'open'");
  return (): Totals => {
    const today = localDay(clock());
    const counts = day.get(today);
    return {
      day: today,
      peopleToday: counts?.people ?? 0,
      openTubes: open.get()!.n,
      sealedTubesToday: counts?.sealed ?? 0,
    };
  };
}
