// What waits in the outbox for the platform: how many facts, and since when the oldest (facts held for a person
// are counted apart, by the uploader).
import { z } from 'zod';
import type { Db } from '../db/database';

export const backlogSchema = z.object({
  count: z.number().int(),
  /** When the oldest unsent fact was recorded; null when nothing waits. */
  oldestAt: z.string().nullable(),
});
type Backlog = z.output<typeof backlogSchema>;

export function createBacklog(db: Db) {
  const count = db.prepare<[], number>('SELECT unsent FROM outbox_backlog').pluck();
  const oldest = db
    .prepare<[number], string>('SELECT created_at FROM outbox WHERE sent_at IS NULL AND held_at IS NULL ORDER BY seq LIMIT 1 OFFSET ?')
    .pluck();
  return {
    /** One row read: cheap enough to ask after every call. */
    count: (): number => count.get() ?? 0,
    read: (): Backlog => ({ count: count.get() ?? 0, oldestAt: oldest.get(0) ?? null }),
    /** What waits behind the first `skip` facts of the queue (the batch on its way): what is left once it is stored. */
    behind: (skip: number): Backlog => ({ count: Math.max(0, (count.get() ?? 0) - skip), oldestAt: oldest.get(skip) ?? null }),
  };
}
