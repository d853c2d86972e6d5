// The pragmas durability depends on, read back on every connection after a write.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src-main/core/db/database';
import { migrations, schemaVersion } from '../../src-main/core/db/migrations';
import { tempDir } from '../fixtures/tempCore';

let dir: string;
const open: Db[] = [];

beforeEach(() => {
  dir = tempDir('swabdesk-db-');
});

afterEach(() => {
  open.splice(0).forEach((db) => db.open && db.close());
  fs.rmSync(dir, { recursive: true, force: true });
});

function connect(): Db {
  const db = openDatabase(path.join(dir, 'swabdesk.db'));
  open.push(db);
  return db;
}

const pragmas = (db: Db) => ({
  journal_mode: db.pragma('journal_mode', { simple: true }),
  synchronous: db.pragma('synchronous', { simple: true }),
  foreign_keys: db.pragma('foreign_keys', { simple: true }),
});

it('runs WAL with synchronous=FULL and foreign keys on every connection, after the first write', () => {
  const first = connect();
  first.prepare("INSERT INTO settings (key, value) VALUES ('poolingRatio', '5')").run();
  const second = connect();
  for (const db of [first, second]) expect(pragmas(db)).toEqual({ journal_mode: 'wal', synchronous: 2, foreign_keys: 1 });
  expect(fs.existsSync(path.join(dir, 'swabdesk.db-wal'))).toBe(true);
});

it('keeps what was committed across close and reopen, at the newest schema version', () => {
  const db = connect();
  db.prepare("INSERT INTO settings (key, value) VALUES ('poolingRatio', '5')").run();
  db.close();
  const again = connect();
  expect(schemaVersion(again)).toBe(migrations.length);
  expect(again.prepare('SELECT value FROM settings').pluck().get()).toBe('5');
});
