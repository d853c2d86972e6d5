import { randomBytes } from 'node:crypto';
import type { Migration } from './migration';

// The keys pre-registration stickers are sealed with. Each has an id that every sticker it seals names, so that
// stations of one site can come to share keys; the one marked for printing seals new stickers. A station starts with
// one random key of its own. Kept here, in the encrypted database, and not among the settings, which the manager's
// window reads: no window is ever given a secret.
export const migration010: Migration = {
  version: 10,
  name: 'sticker keys',
  up(db) {
    db.exec(`
      CREATE TABLE sticker_keys (
        id         TEXT PRIMARY KEY CHECK (length(id) = 8 AND NOT id GLOB '*[^0-9a-f]*'),
        secret     BLOB NOT NULL CHECK (length(secret) = 32),
        printing   INTEGER NOT NULL DEFAULT 0 CHECK (printing IN (0, 1)),
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE UNIQUE INDEX sticker_keys_printing ON sticker_keys (printing) WHERE printing = 1;
    `);
    db.prepare('INSERT INTO sticker_keys (id, secret, printing, created_at) VALUES (?, ?, 1, ?)').run(
      randomBytes(4).toString('hex'),
      randomBytes(32),
      new Date().toISOString(),
    );
  },
};
