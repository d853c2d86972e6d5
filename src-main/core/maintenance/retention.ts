// Retention: a person's registration leaves the station once the platform has had everything about it for the
// site's number of days. Purged with secure_delete on (freed pages are overwritten), together with the outbox
// payloads and the private audit parts that repeat the person; the hash-chained trail keeps its rows (ids, kinds,
// digests), so it still verifies. Never purges what the platform has not acknowledged.
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { RecordFact } from '../facts/record';
import { readSiteSettings } from '../site/settings';

const DAY_MS = 24 * 60 * 60_000;
/** Registrations purged per transaction: scans go on between two (months of backlog at first purge included). */
const PURGE_CHUNK = 500;

/** How often a running station looks for what expired. */
export const PURGE_EVERY_MS = 60 * 60_000;

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createRetention(db: Db, clock: Clock, record: RecordFact) {
  // Registrations of closed tubes with facts that all went out, each acknowledged before the cutoff. The day
  // (indexed, local) narrows the search first; a day ahead of the cutoff's UTC date covers every time zone east.
  const expired = db.prepare<{ cutoff: string; limit: number }, string>(
    `SELECT r.id FROM registrations r JOIN tubes t ON t.id = r.tube_id
     WHERE r.day <= date(@cutoff, '+1 day') AND r.created_at < @cutoff AND t.status <> 'open'
       AND EXISTS (SELECT 1 FROM audit a JOIN outbox o ON o.fact_id = a.fact_id WHERE a.subject = r.id)
       AND NOT EXISTS (
         SELECT 1 FROM audit a JOIN outbox o ON o.fact_id = a.fact_id
         WHERE a.subject = r.id AND (o.sent_at IS NULL OR o.sent_at >= @cutoff))
     LIMIT @limit`,
  ).pluck();
  const factsAbout = db.prepare<[string], string>('SELECT fact_id FROM audit WHERE subject = ?').pluck();
  const deleteOutbox = db.prepare('DELETE FROM outbox WHERE fact_id = ?');
  const deletePrivate = db.prepare('DELETE FROM audit_private WHERE fact_id = ?');
  const deleteRegistration = db.prepare('DELETE FROM registrations WHERE id = ?');

  const purgeChunk = db.transaction((cutoff: string): number => {
    const ids = expired.all({ cutoff, limit: PURGE_CHUNK });
    for (const id of ids) {
      for (const factId of factsAbout.all(id)) {
        deleteOutbox.run(factId);
        deletePrivate.run(factId);
      }
      deleteRegistration.run(id);
    }
    return ids.length;
  });

  /** Purges what expired, a chunk per turn of the event loop; returns how many registrations went. */
  return async function purgeExpired(actor: string): Promise<number> {
    const { retentionDays } = readSiteSettings(db);
    if (retentionDays === 0) return 0;
    const cutoff = new Date(clock().getTime() - retentionDays * DAY_MS).toISOString();
    let purged = 0;
    for (let chunk = purgeChunk.immediate(cutoff); chunk > 0; chunk = purgeChunk.immediate(cutoff)) {
      purged += chunk;
      await nextTurn();
    }
    if (purged === 0) return 0;
    db.transaction(() => record({ kind: 'retention.purged', subject: 'registrations', actor, data: { count: purged, cutoff } })).immediate();
    // The WAL still holds the pages as they were before: checkpoint it into the (overwritten) database and empty it.
    db.pragma('wal_checkpoint(TRUNCATE)');
    return purged;
  };
}
