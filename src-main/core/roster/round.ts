// The round whose coverage the site counts: today, whichever day that is, unless the manager set a day or a span of
// days. A new day moves a round that follows today; each change counts every person again (the database's trigger)
// and is a fact in the trail.
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

  function change(round: Round, followsToday: boolean, actor: string): void {
    db.transaction(() => {
      write.run({ ...round, followsToday: followsToday ? 1 : 0 });
      record({ kind: 'roster.round', subject: 'roster', actor, data: { ...round, followsToday } });
    }).immediate();
  }

  return {
    /** The round now; a round that follows today moves to today first. */
    current(): Round {
      const stored = read.get()!;
      const today = localDay(clock());
      if (stored.followsToday === 1 && (stored.firstDay !== today || stored.lastDay !== today)) {
        change({ firstDay: today, lastDay: today }, true, 'station');
        return { firstDay: today, lastDay: today };
      }
      return { firstDay: stored.firstDay, lastDay: stored.lastDay };
    },

    /** The days the manager set; a round of today alone follows today again. */
    set(round: Round, actor: string): void {
      const today = localDay(clock());
      change(round, round.firstDay === today && round.lastDay === today, actor);
    },
  };
}

export type RosterRound = ReturnType<typeof createRound>;
