import type { Migration } from './migration';

// Site settings, tubes and the people in them. Nothing is deleted: a tube replaced while still empty is
// marked discarded (its barcode may be used again); later migrations add removals, voids, audit and outbox.
export const migration001: Migration = {
  version: 1,
  name: 'tubes and registrations',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL CHECK (json_valid(value))
      ) STRICT;

      CREATE TABLE tubes (
        id          TEXT PRIMARY KEY,
        barcode     TEXT NOT NULL,
        desk        TEXT NOT NULL,
        capacity    INTEGER NOT NULL CHECK (capacity >= 1),
        status      TEXT NOT NULL CHECK (status IN ('open', 'sealed', 'discarded')),
        seal_reason TEXT CHECK (seal_reason IN ('full', 'early', 'replaced')),
        opened_at   TEXT NOT NULL,
        closed_at   TEXT,
        day         TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX tubes_barcode_in_use ON tubes (barcode) WHERE status <> 'discarded';
      CREATE UNIQUE INDEX tubes_one_open_per_desk ON tubes (desk) WHERE status = 'open';
      CREATE INDEX tubes_day ON tubes (day, status);

      CREATE TABLE registrations (
        id         TEXT PRIMARY KEY,
        tube_id    TEXT NOT NULL REFERENCES tubes (id),
        position   INTEGER NOT NULL CHECK (position >= 1),
        doc_type   TEXT NOT NULL,
        doc_number TEXT NOT NULL,
        name       TEXT NOT NULL,
        phone      TEXT NOT NULL,
        created_at TEXT NOT NULL,
        day        TEXT NOT NULL,
        UNIQUE (tube_id, position),
        UNIQUE (tube_id, doc_type, doc_number)
      ) STRICT;
      CREATE INDEX registrations_day ON registrations (day);
    `);
  },
};
