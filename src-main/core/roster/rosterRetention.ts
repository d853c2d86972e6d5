// A roster is kept for the site's retention period after its last round, then purged: its people, and the private
// parts of the trail that repeat them (an excuse's words, a removal's reason). The trail keeps its rows, so it still
// verifies. It runs in the background worker, a few hundred people a transaction with a rest between them.
import type { Db } from '../db/database';
import { createFactRecorder } from '../facts/record';
import { localDay } from '../clock';

/** People deleted per write transaction: a few milliseconds, the longest a desk's scan may wait behind it. */
const PURGE_CHUNK = 200;

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
    for (let rows = some.all(PURGE_CHUNK); rows.length > 0; rows = some.all(PURGE_CHUNK)) {
      purgeChunk.immediate(rows);
      await rest();
    }
    const record = createFactRecorder(db, () => new Date(at));
    db.transaction(() => {
      privateParts.run();
      if (purged > 0) record({ kind: 'retention.purged', subject: 'roster', actor, data: { count: purged, cutoff } });
    }).immediate();
    return purged;
  };
}
