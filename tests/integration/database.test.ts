// The pragmas durability depends on, read back on every connection after a write; what was committed survives.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase, WAL_SIZE_LIMIT_BYTES, type Db } from '../../src-main/core/db/database';
import { NEWEST_VERSION, schemaVersion } from '../../src-main/core/db/migrations';
import { unflushed } from '../../src-main/core/db/unflushed';
import { createCore, DATABASE_FILE } from '../../src-main/core/core';
import { personCode } from '../fixtures/people';
import { CLERK, signIn, value } from '../fixtures/driver';
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
  const db = openDatabase(path.join(dir, DATABASE_FILE));
  open.push(db);
  return db;
}

const pragmas = (db: Db) => ({
  journal_mode: db.pragma('journal_mode', { simple: true }),
  synchronous: db.pragma('synchronous', { simple: true }),
  foreign_keys: db.pragma('foreign_keys', { simple: true }),
  busy_timeout: db.pragma('busy_timeout', { simple: true }),
});

const DURABLE = { journal_mode: 'wal', synchronous: 2, foreign_keys: 1, busy_timeout: 5000 };

it('runs WAL with synchronous=FULL and foreign keys on, on the first connection and on a second one', () => {
  const first = connect();
  first.prepare("INSERT INTO settings (key, value) VALUES ('poolingRatio', '5')").run();
  expect(pragmas(first)).toEqual(DURABLE);
  expect(fs.existsSync(path.join(dir, `${DATABASE_FILE}-wal`))).toBe(true);

  const second = connect();
  second.prepare("INSERT INTO settings (key, value) VALUES ('bagCapacity', '20')").run();
  expect(pragmas(second)).toEqual(DURABLE);
  expect(pragmas(first)).toEqual(DURABLE);
  // Each sees the other's commits.
  expect(first.prepare('SELECT key FROM settings ORDER BY key').pluck().all()).toEqual(['bagCapacity', 'poolingRatio']);
});

it('runs bulk work unflushed (synchronous=NORMAL) and flushes again after it, whether it ended or failed', async () => {
  const db = connect();
  const during: unknown[] = [];
  const sync = () => db.pragma('synchronous', { simple: true });
  expect(await unflushed(db, async () => during.push(sync()))).toBe(1);
  expect(during).toEqual([1]);
  expect(pragmas(db)).toEqual(DURABLE);
  await expect(
    unflushed(db, async () => {
      throw new Error('disk full');
    }),
  ).rejects.toThrow('disk full');
  expect(pragmas(db)).toEqual(DURABLE);
});

it('trims the WAL back to its limit when it starts over, on every connection, so emptying it later is quick', () => {
  const first = connect();
  const second = connect();
  const wal = path.join(dir, `${DATABASE_FILE}-wal`);
  // About 8 MB in one commit: the WAL grows past its limit.
  const insert = first.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
  first.transaction(() => {
    for (let i = 0; i < 2000; i++) insert.run(`bulk-${i}`, JSON.stringify('x'.repeat(4000)));
  })();
  expect(fs.statSync(wal).size).toBeGreaterThan(2 * WAL_SIZE_LIMIT_BYTES);
  expect(second.pragma('wal_checkpoint(PASSIVE)')).toEqual([{ busy: 0, log: expect.any(Number), checkpointed: expect.any(Number) }]);
  // The next commit, on the other connection, starts the WAL over and trims it.
  second.prepare("INSERT INTO settings (key, value) VALUES ('poolingRatio', '5')").run();
  expect(fs.statSync(wal).size).toBeLessThanOrEqual(WAL_SIZE_LIMIT_BYTES);
  expect([first, second].map((db) => db.pragma('journal_size_limit', { simple: true }))).toEqual([WAL_SIZE_LIMIT_BYTES, WAL_SIZE_LIMIT_BYTES]);
});

it('enforces foreign keys on a connection opened later, not only on the one that migrated', () => {
  connect();
  const second = connect();
  expect(() =>
    second
      .prepare(
        "INSERT INTO registrations (id, tube_id, position, doc_type, doc_number, name, phone, created_at, day) VALUES ('r', 'no-tube', 1, 'resident-id', 'n', 'x', '1', 'now', 'today')",
      )
      .run(),
  ).toThrow(/FOREIGN KEY/);
});

it('keeps what was committed across close and reopen, at the newest schema version', () => {
  const db = connect();
  db.prepare("INSERT INTO settings (key, value) VALUES ('poolingRatio', '5')").run();
  db.close();
  const again = connect();
  expect(schemaVersion(again)).toBe(NEWEST_VERSION);
  expect(again.prepare('SELECT value FROM settings').pluck().get()).toBe('5');
  expect(pragmas(again)).toEqual(DURABLE);
});

it('keeps the open tube and its people across a restart of the core', () => {
  const clock = () => new Date(2026, 10, 22, 9, 30);
  const first = createCore({ dataDir: dir, clock });
  signIn(first, [CLERK]);
  value(first.call(CLERK, 'clerk.scan', { text: '2026112200001' }));
  value(first.call(CLERK, 'clerk.scan', { text: personCode(0) }));
  first.close();

  const second = createCore({ dataDir: dir, clock });
  try {
    // A restart signs everybody out; the tube waits for the next clerk.
    expect(second.call(CLERK, 'clerk.scan', { text: personCode(1) })).toMatchObject({ ok: false, error: { code: 'signed-out' } });
    signIn(second, [CLERK], '下一位登记员');
    expect(value(second.call(CLERK, 'clerk.deskState', {}))).toMatchObject({
      desk: '1',
      tube: { barcode: '2026112200001', capacity: 10, people: [{ position: 1, name: '张*' }] },
    });
    // The loop carries on where it stopped.
    expect(value(second.call(CLERK, 'clerk.scan', { text: personCode(1) }))).toMatchObject({ person: { position: 2 } });
  } finally {
    second.close();
  }
});
