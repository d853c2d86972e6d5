// Tubes that would be left behind at the end of the day: sealed but in no bag, or still open at a desk. The manager is
// warned of them when handing over, and on the live view once the site's closing time has come.
import { z } from 'zod';
import type { Db } from '../db/database';
import type { Clock } from '../clock';
import { readSiteSettings } from '../site/settings';
import { unbaggedTubeSchema, type createUnbagged } from '../site/unbagged';

export const openTubeSchema = z.object({
  desk: z.string(),
  barcode: z.string(),
  people: z.number().int(),
  capacity: z.number().int(),
  openedAt: z.string(),
});

export const looseTubesSchema = z.object({
  /** Today's closing time (the site's setting) as an instant: from then on the live view warns. */
  closesAt: z.string(),
  unbagged: z.array(unbaggedTubeSchema),
  open: z.array(openTubeSchema),
});
type LooseTubes = z.output<typeof looseTubesSchema>;

/** Today at the site's closing time, local time. */
function closingInstant(now: Date, closingTime: string): Date {
  const [hours, minutes] = closingTime.split(':').map(Number);
  return new Date(now.getFullYear(), now.getMonth(), now.getDate(), hours, minutes);
}

export function createLooseTubes(db: Db, clock: Clock, unbagged: ReturnType<typeof createUnbagged>) {
  const open = db.prepare<[], z.output<typeof openTubeSchema>>(
    `SELECT t.desk, t.barcode, t.capacity, t.opened_at AS openedAt,
            (SELECT count(*) FROM registrations r WHERE r.tube_id = t.id AND r.status = 'active') AS people
     FROM tubes t WHERE t.status = 'open' ORDER BY t.desk`,
  );
  return (): LooseTubes => {
    const closesAt = closingInstant(clock(), readSiteSettings(db).closingTime);
    return { closesAt: closesAt.toISOString(), unbagged: unbagged(), open: open.all() };
  };
}
