// Retention: a person's registration leaves the station once the platform has had everything about it for the
// site's number of days. Purged with secure_delete on (freed pages are overwritten), together with the outbox
// payloads and the private audit parts that repeat the person; the hash-chained trail keeps its rows (ids, kinds,
// digests), so it still verifies. Never purges what the platform has not acknowledged.
//
// It runs in the background worker, on the worker's own connection: the search walks only acknowledged
// registrations (migration 8's index), and the deletes go in transactions of a few registrations with a rest
// between them, so a desk's scan never waits behind more than one of them.
import type { BackgroundJob } from '../background/jobs';
import type { Db } from '../db/database';
import { unflushed } from '../db/unflushed';
import { createFactRecorder } from '../facts/record';
import { checkpointWal, truncateWal } from './wal';

const DAY_MS = 24 * 60 * 60_000;

/** How often a running station looks for what expired. */
export const PURGE_EVERY_MS = 60 * 60_000;

/** Registrations per write transaction: about a millisecond with secure_delete, the longest a scan may wait. */
const PURGE_CHUNK = 2;
/** Write transactions between two checkpoints: the WAL copied into the file in small steps, each a short flush. */
const CHUNKS_PER_CHECKPOINT = 32;
/** Candidates read per search step (a read: it holds no lock). */
const SEARCH_STEP = 256;

/** The moment before which an acknowledgement is old enough, or null when the site keeps everything. */
export function retentionCutoff(now: Date, retentionDays: number): string | null {
  return retentionDays === 0 ? null : new Date(now.getTime() - retentionDays * DAY_MS).toISOString();
}

/** The worker's purge job: the cutoff, and when and by whom, for its fact in the trail. */
export type PurgeRequest = Omit<Extract<BackgroundJob, { kind: 'purge' }>, 'kind'>;

/**
 * The searches retention makes on a station of any size: each must go through an index (a test reads their query
 * plans), or the worker would read every registration older than the cutoff, hour after hour.
 */
export const RETENTION_SEARCHES = {
  /** Whether anything was acknowledged before the cutoff at all. */
  anyAcknowledged: "SELECT 1 FROM outbox WHERE kind = 'person.added' AND sent_at IS NOT NULL AND sent_at < ? LIMIT 1",
  /** The registrations whose first fact was acknowledged before the cutoff, oldest acknowledgement first, after a cursor. */
  acknowledgedAdditions: `SELECT o.sent_at AS sentAt, o.seq, a.subject AS registrationId
     FROM outbox o JOIN audit a ON a.fact_id = o.fact_id
     WHERE o.kind = 'person.added' AND o.sent_at IS NOT NULL AND o.sent_at < @cutoff AND (o.sent_at, o.seq) > (@sentAt, @seq)
     ORDER BY o.sent_at, o.seq LIMIT @limit`,
  /** Whether a registration is due; checked again inside the write transaction (a correction may have come since). */
  expired: `SELECT 1 FROM registrations r JOIN tubes t ON t.id = r.tube_id
       WHERE r.id = @id AND r.created_at < @cutoff AND t.status <> 'open'
         AND NOT EXISTS (
           SELECT 1 FROM audit a JOIN outbox o ON o.fact_id = a.fact_id
           WHERE a.subject = r.id AND (o.sent_at IS NULL OR o.sent_at >= @cutoff))`,
} as const;

/** `rest` runs between two write transactions: there the desks take their turn at the database. */
export function createRetention(db: Db, rest: () => Promise<void>) {
  const anyAcknowledged = db.prepare<[string], number>(RETENTION_SEARCHES.anyAcknowledged).pluck();
  const acknowledgedAdditions = db.prepare<
    { cutoff: string; sentAt: string; seq: number; limit: number },
    { sentAt: string; seq: number; registrationId: string }
  >(RETENTION_SEARCHES.acknowledgedAdditions);
  const expired = db.prepare<{ id: string; cutoff: string }, number>(RETENTION_SEARCHES.expired).pluck();
  const factsAbout = db.prepare<[string], string>('SELECT fact_id FROM audit WHERE subject = ?').pluck();
  const deleteOutbox = db.prepare('DELETE FROM outbox WHERE fact_id = ?');
  const deletePrivate = db.prepare('DELETE FROM audit_private WHERE fact_id = ?');
  const deleteRegistration = db.prepare('DELETE FROM registrations WHERE id = ?');

  const purgeChunk = db.transaction((ids: readonly string[], cutoff: string): number => {
    let purged = 0;
    for (const id of ids) {
      if (!expired.get({ id, cutoff })) continue;
      for (const factId of factsAbout.all(id)) {
        deleteOutbox.run(factId);
        deletePrivate.run(factId);
      }
      deleteRegistration.run(id);
      purged++;
    }
    return purged;
  });

  /** Deletes what expired, a few registrations a transaction with a rest after each; returns how many went. */
  async function deleteExpired(cutoff: string): Promise<number> {
    let purged = 0;
    let chunks = 0;
    let after = { sentAt: '', seq: 0 };
    for (;;) {
      const found = acknowledgedAdditions.all({ cutoff, ...after, limit: SEARCH_STEP });
      if (found.length === 0) return purged;
      after = { sentAt: found.at(-1)!.sentAt, seq: found.at(-1)!.seq };
      // Sorted out with reads, which take no lock: only what expired costs the desks a write transaction.
      const due = found.map((row) => row.registrationId).filter((id) => expired.get({ id, cutoff }));
      for (let i = 0; i < due.length; i += PURGE_CHUNK) {
        purged += purgeChunk.immediate(due.slice(i, i + PURGE_CHUNK), cutoff);
        if (++chunks % CHUNKS_PER_CHECKPOINT === 0) db.pragma('wal_checkpoint(PASSIVE)');
        await rest();
      }
    }
  }

  /** Purges what expired and returns how many registrations went; the trail records it once. */
  return async function purgeExpired({ cutoff, at, actor }: PurgeRequest): Promise<number> {
    // Nothing acknowledged before the cutoff (no platform, uploads halted, a young station): no work at all.
    if (!anyAcknowledged.get(cutoff)) return 0;
    // A delete lost to a power cut is simply done again.
    const purged = await unflushed(db, () => deleteExpired(cutoff));
    if (purged === 0) return 0;
    const record = createFactRecorder(db, () => new Date(at));
    db.transaction(() => record({ kind: 'retention.purged', subject: 'registrations', actor, data: { count: purged, cutoff } })).immediate();
    // The WAL may still hold pages as they were before: copied into the (overwritten) database, then emptied.
    checkpointWal(db);
    truncateWal(db);
    return purged;
  };
}
