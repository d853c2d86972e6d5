import type { Migration } from './migration';

// What the uploader needs beyond the outbox: facts the platform refused for good are held for a person ("needs
// attention": kept, never deleted, out of the send queue), and what the last attempt to reach the platform came
// to. The backlog count now counts what waits to be sent, held facts apart.
export const migration006: Migration = {
  version: 6,
  name: 'upload: held facts and upload status',
  up(db) {
    db.exec(`
      ALTER TABLE outbox ADD COLUMN held_at TEXT;
      ALTER TABLE outbox ADD COLUMN held_reason TEXT;

      DROP INDEX outbox_unsent;
      CREATE INDEX outbox_waiting ON outbox (seq) WHERE sent_at IS NULL AND held_at IS NULL;
      CREATE INDEX outbox_held ON outbox (seq) WHERE sent_at IS NULL AND held_at IS NOT NULL;

      DROP TRIGGER outbox_backlog_added;
      DROP TRIGGER outbox_backlog_sent;
      DROP TRIGGER outbox_backlog_removed;
      UPDATE outbox_backlog SET unsent = (SELECT count(*) FROM outbox WHERE sent_at IS NULL AND held_at IS NULL);
      CREATE TRIGGER outbox_backlog_added AFTER INSERT ON outbox WHEN NEW.sent_at IS NULL AND NEW.held_at IS NULL
        BEGIN UPDATE outbox_backlog SET unsent = unsent + 1; END;
      CREATE TRIGGER outbox_backlog_changed AFTER UPDATE OF sent_at, held_at ON outbox
        WHEN (OLD.sent_at IS NULL AND OLD.held_at IS NULL) <> (NEW.sent_at IS NULL AND NEW.held_at IS NULL)
        BEGIN UPDATE outbox_backlog SET unsent = unsent + iif(NEW.sent_at IS NULL AND NEW.held_at IS NULL, 1, -1); END;
      CREATE TRIGGER outbox_backlog_removed AFTER DELETE ON outbox WHEN OLD.sent_at IS NULL AND OLD.held_at IS NULL
        BEGIN UPDATE outbox_backlog SET unsent = unsent - 1; END;

      CREATE TABLE upload_status (
        singleton       INTEGER PRIMARY KEY CHECK (singleton = 1),
        last_success_at TEXT,
        last_error_at   TEXT,
        last_error      TEXT
      ) STRICT;
      INSERT INTO upload_status (singleton) VALUES (1);
    `);
  },
};
