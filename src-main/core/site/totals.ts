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
  const people = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM registrations WHERE day = ? AND status = 'active'");
  const open = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM tubes WHERE status = 'open'");
  const sealed = db.prepare<[string], { n: number }>(
    "SELECT count(*) AS n FROM tubes WHERE status = 'sealed' AND voided_at IS NULL AND day = ?",
  );
  return (): Totals => {
    const day = localDay(clock());
    return {
      day,
      peopleToday: people.get(day)!.n,
      openTubes: open.get()!.n,
      sealedTubesToday: sealed.get(day)!.n,
    };
  };
}
