// The end-of-day summary the manager prints on one A4 page: the day's people, tubes, bags and handovers, the
// corrections and voids made, and where uploading stands.
import { z } from 'zod';
import type { Db } from '../db/database';
import type { Clock } from '../clock';
import { readSiteSettings } from '../site/settings';
import { uploaderStatusSchema } from '../upload/uploader';
import type { createUploads } from '../upload/uploads';
import { handoverSummarySchema, type createHandoverList } from './handoverList';

const count = z.number().int();

export const daySummarySchema = z.object({
  day: z.string(),
  madeAt: z.string(),
  site: z.object({ name: z.string(), code: z.string() }),
  /** Desks that opened a tube that day. */
  desks: count,
  people: z.object({ registered: count, voided: count }),
  tubes: z.object({ sealed: count, open: count, voided: count, unbagged: count }),
  bags: z.object({ open: count, sealed: count, handedOver: count }),
  handovers: z.array(handoverSummarySchema),
  /** Person corrections the manager made that day (whichever day the person was registered). */
  corrections: count,
  upload: z.object({
    state: uploaderStatusSchema.shape.state,
    waiting: count,
    oldestAt: z.string().nullable(),
    held: count,
    lastSuccessAt: z.string().nullable(),
  }),
});
type DaySummary = z.output<typeof daySummarySchema>;

/** The instants a local calendar day starts and ends, as the audit trail stores times (UTC ISO). */
function dayBounds(day: string): { from: string; to: string } {
  const [year, month, date] = day.split('-').map(Number);
  return { from: new Date(year, month - 1, date).toISOString(), to: new Date(year, month - 1, date + 1).toISOString() };
}

export function createDaySummary(
  db: Db,
  clock: Clock,
  handoverList: ReturnType<typeof createHandoverList>,
  uploads: ReturnType<typeof createUploads>,
) {
  const people = db.prepare<{ day: string }, { registered: number; voided: number }>(
    `SELECT coalesce((SELECT people FROM day_counts WHERE day = @day), 0) AS registered,
            (SELECT count(*) FROM registrations WHERE day = @day AND status = 'voided') AS voided`,
  );
  const tubes = db.prepare<{ day: string }, { desks: number; sealed: number; open: number; voided: number; unbagged: number }>(
    `SELECT count(DISTINCT desk) AS desks,
            coalesce((SELECT sealed FROM day_counts WHERE day = @day), 0) AS sealed,
            count(*) FILTER (WHERE status = 'open') AS open,
            count(*) FILTER (WHERE voided_at IS NOT NULL) AS voided,
            count(*) FILTER (WHERE status = 'sealed' AND voided_at IS NULL
                             AND NOT EXISTS (SELECT 1 FROM bag_tubes b WHERE b.tube_id = tubes.id)
                             AND NOT EXISTS (SELECT 1 FROM mirror_bag_tubes b WHERE b.tube_id = tubes.id)) AS unbagged
     FROM tubes WHERE day = @day AND status <> 'discarded'`,
  );
  const bags = db.prepare<[string], { open: number; sealed: number; handedOver: number }>(
    `SELECT count(*) FILTER (WHERE status = 'open') AS open,
            count(*) FILTER (WHERE status = 'sealed') AS sealed,
            count(*) FILTER (WHERE handover_id IS NOT NULL) AS handedOver
     FROM bags WHERE day = ?`,
  );
  const corrections = db.prepare<[string, string], number>(
    "SELECT count(*) FROM audit WHERE kind = 'person.corrected' AND at >= ? AND at < ?",
  ).pluck();

  return (day: string): DaySummary => {
    const { siteName, siteCode } = readSiteSettings(db);
    const { desks, ...tubeCounts } = tubes.get({ day })!;
    const { from, to } = dayBounds(day);
    const upload = uploads.status();
    return {
      day,
      madeAt: clock().toISOString(),
      site: { name: siteName, code: siteCode },
      desks,
      people: people.get({ day })!,
      tubes: tubeCounts,
      bags: bags.get(day)!,
      handovers: handoverList.onDay(day),
      corrections: corrections.get(from, to)!,
      upload: {
        state: upload.state,
        waiting: upload.backlog.count,
        oldestAt: upload.backlog.oldestAt,
        held: upload.held,
        lastSuccessAt: upload.lastSuccessAt,
      },
    };
  };
}
