// The round whose coverage the site counts: today, whichever day that is, unless the manager set a day or a span of
// days. Each change counts every person again (the database's trigger); the manager's is a fact in the trail. A
// round that follows today is moved to the new day when the station starts, when the manager reads the roster,
// and on the station's schedule: never by a read the windows did not ask for.
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

export function createRound(db: Db, clock: Clock, record: RecordFact) {
  const read = db.prepare<[], Stored>('SELECT first_day AS firstDay, last_day AS lastDay, follows_today AS followsToday FROM roster_round');
  const write = db.prepare('UPDATE roster_round SET first_day = @firstDay, last_day = @lastDay, follows_today = @followsToday');

  return {
    current(): Round {
      const { firstDay, lastDay } = read.get()!;
      return { firstDay, lastDay };
    },

    /** Moves a round that follows today to today; says whether it moved. */
    followToday(): boolean {
      const stored = read.get()!;
      const today = localDay(clock());
      if (stored.followsToday === 0 || (stored.firstDay === today && stored.lastDay === today)) return false;
      write.run({ firstDay: today, lastDay: today, followsToday: 1 });
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
    },
  };
}

export type RosterRound = ReturnType<typeof createRound>;
