import type { Migration } from './migration';

// How many facts wait in the outbox, kept by triggers in the same transaction as the outbox rows, so that every
// window can show the backlog after every scan without counting a backlog that may be days long.
export const migration005: Migration = {
  version: 5,
  name: 'outbox backlog count',
  up(db) {
    db.exec(`
      CREATE TABLE outbox_backlog (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        unsent    INTEGER NOT NULL CHECK (unsent >= 0)
      ) STRICT;
      INSERT INTO outbox_backlog (singleton, unsent) SELECT 1, count(*) FROM outbox WHERE sent_at IS NULL;

      CREATE TRIGGER outbox_backlog_added AFTER INSERT ON outbox WHEN NEW.sent_at IS NULL
        BEGIN UPDATE outbox_backlog SET unsent = unsent + 1; END;
      CREATE TRIGGER outbox_backlog_sent AFTER UPDATE OF sent_at ON outbox
        WHEN OLD.sent_at IS NULL AND NEW.sent_at IS NOT NULL
        BEGIN UPDATE outbox_backlog SET unsent = unsent - 1; END;
      CREATE TRIGGER outbox_backlog_removed AFTER DELETE ON outbox WHEN OLD.sent_at IS NULL
        BEGIN UPDATE outbox_backlog SET unsent = unsent - 1; END;
    `);
  },
};
