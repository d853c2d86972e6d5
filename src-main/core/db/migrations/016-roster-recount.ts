import type { Migration } from './migration';
import { resample } from './014-roster';

// A new round counted again in the background: migration 14's trigger counted every person of the roster again in
// the transaction that changed the round, which held the desks for 206 ms with 100,000 people (bench/roster).
// Now a change of the round's days only sets roster_round.recounted_to to 0; the background worker moves it on a
// few people a transaction, and the trigger counts again the people it passes (by rowid). NULL: all are counted
// for the round. A round changed again meanwhile starts the count over; a station stopped midway carries on.
export const migration016: Migration = {
  version: 16,
  name: 'a new round counted again in the background',
  up(db) {
    db.exec(`
      DROP TRIGGER roster_round_changed;
      ALTER TABLE roster_round ADD COLUMN recounted_to INTEGER;
      CREATE TRIGGER roster_round_changed AFTER UPDATE OF first_day, last_day ON roster_round
        WHEN OLD.first_day IS NOT NEW.first_day OR OLD.last_day IS NOT NEW.last_day
      BEGIN UPDATE roster_round SET recounted_to = 0; END;
      CREATE TRIGGER roster_round_recounted AFTER UPDATE OF recounted_to ON roster_round
        WHEN NEW.recounted_to > OLD.recounted_to
      BEGIN ${resample('rowid > OLD.recounted_to AND rowid <= NEW.recounted_to')} END;
    `);
  },
};

/** What the trigger runs for each step of the worker's count: a test reads its query plan. */
export const ROUND_RECOUNT_SEARCH = resample('rowid > @after AND rowid <= @to');
