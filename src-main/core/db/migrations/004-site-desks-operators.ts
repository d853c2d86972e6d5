import { randomUUID } from 'node:crypto';
import type { Migration } from './migration';

// The site, its desks and the operators who sign in at them, each with a UUID made here; and what a
// registration knows of its person beyond the document (sex and birth date from a card or the ID number, where
// it came from, and who registered it). Desks already named by tubes become desk rows.
export const migration004: Migration = {
  version: 4,
  name: 'site, desks and operators',
  up(db) {
    db.exec(`
      CREATE TABLE site (
        id         TEXT PRIMARY KEY,
        singleton  INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
        name       TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE desks (
        code       TEXT PRIMARY KEY,
        id         TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE operators (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        role        TEXT NOT NULL CHECK (role IN ('clerk', 'manager')),
        pin_hash    TEXT,
        created_at  TEXT NOT NULL,
        disabled_at TEXT
      ) STRICT;

      ALTER TABLE tubes ADD COLUMN operator_id TEXT REFERENCES operators (id);
      ALTER TABLE registrations ADD COLUMN operator_id TEXT REFERENCES operators (id);
      ALTER TABLE registrations ADD COLUMN sex TEXT CHECK (sex IN ('unknown', 'male', 'female', 'unspecified'));
      ALTER TABLE registrations ADD COLUMN birth_date TEXT;
      ALTER TABLE registrations ADD COLUMN source TEXT NOT NULL DEFAULT 'scan'
        CHECK (source IN ('scan', 'card', 'manual'));
    `);
    const now = new Date().toISOString();
    db.prepare("INSERT INTO site (id, name, created_at) VALUES (?, '', ?)").run(randomUUID(), now);
    const addDesk = db.prepare('INSERT INTO desks (code, id, created_at) VALUES (?, ?, ?)');
    const known = db.prepare<[], { desk: string }>('SELECT DISTINCT desk FROM tubes').all();
    for (const { desk } of known) addDesk.run(desk, randomUUID(), now);
  },
};
