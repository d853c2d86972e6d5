// A roster is kept for the site's retention period after its last round, then purged: its people, and the private
// parts of the trail that repeat them (an excuse's words, a removal's reason). The trail keeps its rows, so it still
// verifies. It runs in the background worker, a few people a transaction with a rest between them.
import type { Db } from '../db/database';
import { unflushed } from '../db/unflushed';
import { createFactRecorder } from '../facts/record';
import { localDay } from '../clock';
import { checkpointWal, truncateWal } from '../maintenance/wal';

/** People deleted per write transaction: a few milliseconds with the counting triggers, what a desk's scan waits. */
const PURGE_CHUNK = 25;

export function createRosterRetention(db: Db, rest: () => Promise<void>) {
  const lastRoundDay = db.prepare<[], string>('SELECT last_day FROM roster_round').pluck();
  const some = db.prepare<[number], number>('SELECT rowid FROM roster_people LIMIT ?').pluck();
  const deletePerson = db.prepare('DELETE FROM roster_people WHERE rowid = ?');
  const shownPeople = db.prepare<[], number>('SELECT count(*) FROM roster_people WHERE version = (SELECT version FROM roster_state)').pluck();
  const privateParts = db.prepare(
    `DELETE FROM audit_private WHERE fact_id IN (SELECT fact_id FROM audit WHERE kind IN ('roster.excused', 'roster.removed'))`,
  );
  const purgeChunk = db.transaction((rows: readonly number[]) => {
    for (const rowid of rows) deletePerson.run(rowid);
  });

  /** Purges the roster when its last round ended before the cutoff; returns how many people went. */
  return async function purgeRoster({ cutoff, at, actor }: { cutoff: string; at: string; actor: string }): Promise<number> {
    if (lastRoundDay.get()! >= localDay(new Date(cutoff))) return 0;
    // The people of the roster shown; every version goes (an import given up left its own).
    const purged = shownPeople.get()!;
    // A delete lost to a power cut is simply done again.
    let wiped = await unflushed(db, async () => {
      let deleted = 0;
      for (let rows = some.all(PURGE_CHUNK); rows.length > 0; rows = some.all(PURGE_CHUNK)) {
        purgeChunk.immediate(rows);
        deleted += rows.length;
        await rest();
      }
      return deleted;
    });
    const record = createFactRecorder(db, () => new Date(at));
    db.transaction(() => {
      wiped += privateParts.run().changes;
      if (purged > 0) record({ kind: 'retention.purged', subject: 'roster', actor, data: { count: purged, cutoff } });
    }).immediate();
    // The WAL may still hold what went as it was: copied into the (overwritten) database, then emptied.
    if (wiped > 0) {
      checkpointWal(db);
      truncateWal(db);
    }
    return purged;
  };
}
