// The day's handovers and the days that had any: what the manager opens to reprint a manifest, today's or a past day's.
import { z } from 'zod';
import type { Db } from '../db/database';

/** How many days with handovers the list goes back. */
const DAYS_LISTED = 90;

export const handoverDaySchema = z.object({ day: z.string(), handovers: z.number().int() });
type HandoverDay = z.output<typeof handoverDaySchema>;

export const handoverSummarySchema = z.object({
  number: z.string(),
  handedAt: z.string(),
  courier: z.string(),
  vehicle: z.string(),
  handedBy: z.string().nullable(),
  bags: z.number().int(),
  tubes: z.number().int(),
  people: z.number().int(),
});
type HandoverSummary = z.output<typeof handoverSummarySchema>;

export function createHandoverList(db: Db) {
  const days = db.prepare<[number], HandoverDay>(
    'SELECT day, count(*) AS handovers FROM handovers GROUP BY day ORDER BY day DESC LIMIT ?',
  );
  const onDay = db.prepare<[string], HandoverSummary>(
    `SELECT h.number, h.handed_at AS handedAt, h.courier_name AS courier, h.vehicle, h.handed_by AS handedBy,
            (SELECT count(*) FROM bags b WHERE b.handover_id = h.id) AS bags,
            (SELECT count(*) FROM bags b JOIN bag_tubes bt ON bt.bag_id = b.id WHERE b.handover_id = h.id) AS tubes,
            (SELECT count(*) FROM bags b JOIN bag_tubes bt ON bt.bag_id = b.id
               JOIN registrations r ON r.tube_id = bt.tube_id AND r.status = 'active'
             WHERE b.handover_id = h.id) AS people
     FROM handovers h WHERE h.day = ? ORDER BY h.number`,
  );
  return {
    /** The days that had a handover, the newest first. */
    days: (): HandoverDay[] => days.all(DAYS_LISTED),
    /** One day's handovers in the order they were numbered, with what each took. */
    onDay: (day: string): HandoverSummary[] => onDay.all(day),
  };
}
