import type { Migration } from './migration';

// Everything the rules of the field guide need: a status per registration (removed by the clerk's undo, voided by
// the manager; never deleted), voided tubes, bags, handovers, and the two tables every fact writes to in the same
// transaction: the hash-chained audit trail and the outbox the uploader drains.
export const migration002: Migration = {
  version: 2,
  name: 'facts, audit trail, outbox, bags and handovers',
  up(db) {
    db.exec(`
      CREATE TABLE registrations_v2 (
        id         TEXT PRIMARY KEY,
        tube_id    TEXT NOT NULL REFERENCES tubes (id),
        position   INTEGER NOT NULL CHECK (position >= 1),
        doc_type   TEXT NOT NULL,
        doc_number TEXT NOT NULL,
        name       TEXT NOT NULL,
        phone      TEXT NOT NULL,
        status     TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'removed', 'voided')),
        created_at TEXT NOT NULL,
        day        TEXT NOT NULL
      ) STRICT;
      INSERT INTO registrations_v2 (id, tube_id, position, doc_type, doc_number, name, phone, created_at, day)
        SELECT id, tube_id, position, doc_type, doc_number, name, phone, created_at, day FROM registrations;
      DROP TABLE registrations;
      ALTER TABLE registrations_v2 RENAME TO registrations;
      -- A removed person frees the position; a voided one keeps it (the tube is sealed by then).
      CREATE UNIQUE INDEX registrations_position ON registrations (tube_id, position) WHERE status <> 'removed';
      CREATE UNIQUE INDEX registrations_person_in_tube ON registrations (tube_id, doc_type, doc_number)
        WHERE status = 'active';
      CREATE INDEX registrations_person_day ON registrations (doc_type, doc_number, day);
      CREATE INDEX registrations_day ON registrations (day);

      ALTER TABLE tubes ADD COLUMN voided_at TEXT;

      CREATE TABLE handovers (
        id            TEXT PRIMARY KEY,
        number        TEXT NOT NULL UNIQUE,
        courier_name  TEXT NOT NULL,
        courier_phone TEXT NOT NULL,
        vehicle       TEXT NOT NULL,
        temperature   REAL,
        handed_at     TEXT NOT NULL,
        day           TEXT NOT NULL
      ) STRICT;

      CREATE TABLE bags (
        id          TEXT PRIMARY KEY,
        barcode     TEXT NOT NULL UNIQUE,
        capacity    INTEGER NOT NULL CHECK (capacity >= 1),
        status      TEXT NOT NULL CHECK (status IN ('open', 'sealed')),
        opened_at   TEXT NOT NULL,
        sealed_at   TEXT,
        handover_id TEXT REFERENCES handovers (id),
        day         TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX bags_one_open ON bags (status) WHERE status = 'open';

      -- The primary key is the tube: a tube is in one bag only.
      CREATE TABLE bag_tubes (
        tube_id   TEXT PRIMARY KEY REFERENCES tubes (id),
        bag_id    TEXT NOT NULL REFERENCES bags (id),
        packed_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX bag_tubes_bag ON bag_tubes (bag_id);

      CREATE TABLE audit (
        seq       INTEGER PRIMARY KEY,
        fact_id   TEXT NOT NULL UNIQUE,
        at        TEXT NOT NULL,
        actor     TEXT NOT NULL,
        kind      TEXT NOT NULL,
        subject   TEXT NOT NULL,
        data      TEXT NOT NULL CHECK (json_valid(data)),
        prev_hash TEXT NOT NULL,
        hash      TEXT NOT NULL
      ) STRICT;
      CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
      CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;

      -- fact_id is the idempotency key the platform deduplicates by.
      CREATE TABLE outbox (
        seq        INTEGER PRIMARY KEY,
        fact_id    TEXT NOT NULL UNIQUE REFERENCES audit (fact_id),
        kind       TEXT NOT NULL,
        payload    TEXT NOT NULL CHECK (json_valid(payload)),
        created_at TEXT NOT NULL,
        sent_at    TEXT
      ) STRICT;
      CREATE INDEX outbox_unsent ON outbox (seq) WHERE sent_at IS NULL;
    `);
  },
};
