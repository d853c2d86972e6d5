// The roster counted again for a new round, in the background worker: it moves the round's mark
// (roster_round.recounted_to) on a few people a transaction, and the database's trigger counts again the people
// it passes (migration 16). A round changed again meanwhile set the mark back to 0, so the next step starts over.
import type { Db } from '../db/database';
import { unflushed } from '../db/unflushed';

/** People a write transaction: a few milliseconds with the counting triggers, what a desk's scan waits. */
const CHUNK = 25;

/** The last person of the next step, after the mark, by rowid (a test reads its query plan). */
export const RECOUNT_STEP_END = 'SELECT max(rowid) FROM (SELECT rowid FROM roster_people WHERE rowid > ? ORDER BY rowid LIMIT ?)';

export function createRosterRecount(db: Db, rest: () => Promise<void>) {
  const mark = db.prepare<[], number | null>('SELECT recounted_to FROM roster_round').pluck();
  const chunkEnd = db.prepare<[number, number], number | null>(RECOUNT_STEP_END).pluck();
  const moveMark = db.prepare('UPDATE roster_round SET recounted_to = ?');

  /** Counts the next few people again; false once everybody is counted (the mark is then NULL). */
  const step = db.transaction((): boolean => {
    const from = mark.get() ?? null;
    if (from === null) return false;
    const to = chunkEnd.get(from, CHUNK) ?? null;
    moveMark.run(to);
    return to !== null;
  });

  /** Counts everybody not yet counted for the round; returns how many steps it took. */
  return function recount(): Promise<number> {
    // A step lost to a power cut is lost with its mark, and done again.
    return unflushed(db, async () => {
      let steps = 0;
      while (step.immediate()) {
        steps++;
        await rest();
      }
      return steps;
    });
  };
}
