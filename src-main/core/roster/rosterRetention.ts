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
  const some = db.prepare<[number], string>('SELECT id FROM roster_people LIMIT ?').pluck();
  const deletePerson = db.prepare('DELETE FROM roster_people WHERE id = ?');
  const privateParts = db.prepare(
    `DELETE FROM audit_private WHERE fact_id IN (SELECT fact_id FROM audit WHERE kind IN ('roster.excused', 'roster.removed'))`,
  );
  const purgeChunk = db.transaction((ids: readonly string[]) => {
    for (const id of ids) deletePerson.run(id);
  });

  /** Purges the roster when its last round ended before the cutoff; returns how many people went. */
  return async function purgeRoster({ cutoff, at, actor }: { cutoff: string; at: string; actor: string }): Promise<number> {
    if (lastRoundDay.get()! >= localDay(new Date(cutoff))) return 0;
    let purged = 0;
    for (let ids = some.all(PURGE_CHUNK); ids.length > 0; ids = some.all(PURGE_CHUNK)) {
      purgeChunk.immediate(ids);
      purged += ids.length;
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
