// The day's totals the manager watches.
import { z } from 'zod';
import type { Db } from '../db/database';
import { localDay, type Clock } from '../clock';

export const totalsSchema = z.object({
  day: z.string(),
  peopleToday: z.number().int(),
  openTubes: z.number().int(),
  sealedTubesToday: z.number().int(),
});
export type Totals = z.output<typeof totalsSchema>;

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
