// The round whose coverage the site counts: today, whichever day that is, unless the manager set a day or a span of
// days. Each change has every person counted again, in the background (`recount`, from the mark migration 16 keeps);
// the manager's is a fact in the trail. A round that follows today is moved to the new day when the station starts,
// when the manager reads the roster, and on the station's schedule: never by a read the windows did not ask for.
import type { Clock } from '../clock';
import { localDay } from '../clock';
import type { Db } from '../db/database';
import type { RecordFact } from '../facts/record';
import type { Round } from './schemas';

interface Stored {
  firstDay: string;
  lastDay: string;
  followsToday: number;
}

/** `recount` has the background worker count everybody again who is not counted for the round yet. */
export function createRound(db: Db, clock: Clock, record: RecordFact, recount: () => void) {
  const read = db.prepare<[], Stored>('SELECT first_day AS firstDay, last_day AS lastDay, follows_today AS followsToday FROM roster_round');
  const write = db.prepare('UPDATE roster_round SET first_day = @firstDay, last_day = @lastDay, follows_today = @followsToday');
  const mark = db.prepare<[], number | null>('SELECT recounted_to FROM roster_round').pluck();
  const lastRow = db.prepare<[], number | null>('SELECT max(rowid) FROM roster_people').pluck();
  const clearMark = db.prepare('UPDATE roster_round SET recounted_to = NULL');

  /** Has the worker count again whoever is not counted for the round (it changed, or a station stopped midway). */
  function recountIfDue(): void {
    if ((mark.get() ?? null) === null) return;
    // Nobody on the roster: counted at once, without waking the worker (most stations have no roster).
    if ((lastRow.get() ?? null) === null) clearMark.run();
    else recount();
  }

  return {
    current(): Round {
      const { firstDay, lastDay } = read.get()!;
      return { firstDay, lastDay };
    },

    /** How far the roster is counted for the round, 0 to 1, while it is counted again; null once it is. */
    recounted(): number | null {
      const to = mark.get() ?? null;
      if (to === null) return null;
      const last = lastRow.get() ?? null;
      return last === null || last === 0 ? 0 : Math.min(1, to / last);
    },

    recountIfDue,

    /** Moves a round that follows today to today; says whether it moved. */
    followToday(): boolean {
      const stored = read.get()!;
      const today = localDay(clock());
      if (stored.followsToday === 0 || (stored.firstDay === today && stored.lastDay === today)) return false;
      write.run({ firstDay: today, lastDay: today, followsToday: 1 });
      recountIfDue();
      return true;
    },

    /** The days the manager set; a round of today alone follows today again. */
    set(round: Round, actor: string): void {
      const today = localDay(clock());
      const followsToday = round.firstDay === today && round.lastDay === today;
      db.transaction(() => {
        write.run({ ...round, followsToday: followsToday ? 1 : 0 });
        record({ kind: 'roster.round', subject: 'roster', actor, data: { ...round, followsToday } });
      }).immediate();
      recountIfDue();
    },
  };
}

export type RosterRound = ReturnType<typeof createRound>;
