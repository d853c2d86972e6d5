// Retention: a person's registration leaves the station once the platform has had everything about it for the
// site's number of days. Purged with secure_delete on (freed pages are overwritten), together with the outbox
// payloads and the private audit parts that repeat the person; the hash-chained trail keeps its rows (ids, kinds,
// digests), so it still verifies. Never purges what the platform has not acknowledged.
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { RecordFact } from '../facts/record';
import { readSiteSettings } from '../site/settings';

const DAY_MS = 24 * 60 * 60_000;

export function createRetention(db: Db, clock: Clock, record: RecordFact) {
  // Registrations of closed tubes whose every fact went out, each acknowledged before the cutoff.
  const expired = db.prepare<{ cutoff: string }, string>(
    `SELECT r.id FROM registrations r JOIN tubes t ON t.id = r.tube_id
     WHERE r.created_at < @cutoff AND t.status <> 'open'
       AND NOT EXISTS (
         SELECT 1 FROM audit a JOIN outbox o ON o.fact_id = a.fact_id
         WHERE a.subject = r.id AND (o.sent_at IS NULL OR o.sent_at >= @cutoff))`,
  ).pluck();
  const factsAbout = db.prepare<[string], string>('SELECT fact_id FROM audit WHERE subject = ?').pluck();
  const deleteOutbox = db.prepare('DELETE FROM outbox WHERE fact_id = ?');
  const deletePrivate = db.prepare('DELETE FROM audit_private WHERE fact_id = ?');
  const deleteRegistration = db.prepare('DELETE FROM registrations WHERE id = ?');

  /** Purges what expired; returns how many registrations went. */
  return function purgeExpired(actor: string): number {
    const { retentionDays } = readSiteSettings(db);
    if (retentionDays === 0) return 0;
    const cutoff = new Date(clock().getTime() - retentionDays * DAY_MS).toISOString();
    const purged = db
      .transaction(() => {
        const ids = expired.all({ cutoff });
        for (const id of ids) {
          for (const factId of factsAbout.all(id)) {
            deleteOutbox.run(factId);
            deletePrivate.run(factId);
          }
          deleteRegistration.run(id);
        }
        if (ids.length > 0) record({ kind: 'retention.purged', subject: 'registrations', actor, data: { count: ids.length, cutoff } });
        return ids.length;
      })
      .immediate();
    // The WAL still holds the pages as they were before: checkpoint it into the (overwritten) database and empty it.
    if (purged > 0) db.pragma('wal_checkpoint(TRUNCATE)');
    return purged;
  };
}

/** How often a running station looks for what expired. */
export const PURGE_EVERY_MS = 60 * 60_000;
