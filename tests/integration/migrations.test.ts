// Each migration tested from the version before it; a failing migration leaves nothing behind.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPragmas, openDatabase, type Db } from '../../src-main/core/db/database';
import { migrate, migrations, schemaVersion } from '../../src-main/core/db/migrations';
import { tempDir } from '../fixtures/tempCore';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = tempDir('swabdesk-migrations-');
  db = new Database(path.join(dir, 'test.db'));
  applyPragmas(db);
});

afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const objects = () =>
  db.prepare("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY name").all();

describe('migration 1: tubes and registrations', () => {
  beforeEach(() => {
    expect(migrate(db, 0)).toBe(0);
  });

  it('creates settings, tubes and registrations with their indexes, at user_version 1', () => {
    expect(migrate(db, 1)).toBe(1);
    expect(objects()).toEqual(
      expect.arrayContaining([
        { type: 'table', name: 'settings' },
        { type: 'table', name: 'tubes' },
        { type: 'table', name: 'registrations' },
        { type: 'index', name: 'tubes_barcode_in_use' },
        { type: 'index', name: 'tubes_one_open_per_desk' },
      ]),
    );
  });

  it('enforces one open tube per desk, barcodes unique unless discarded, positions unique per tube', () => {
    migrate(db, 1);
    const tube = db.prepare(
      "INSERT INTO tubes (id, barcode, desk, capacity, status, opened_at, day) VALUES (?, ?, ?, 10, ?, 'now', 'today')",
    );
    tube.run('a', '11111111', '1', 'open');
    expect(() => tube.run('b', '22222222', '1', 'open')).toThrow(/UNIQUE/);
    expect(() => tube.run('c', '11111111', '2', 'sealed')).toThrow(/UNIQUE/);
    tube.run('d', '33333333', '2', 'discarded');
    tube.run('e', '33333333', '2', 'open');
    const person = db.prepare(
      "INSERT INTO registrations (id, tube_id, position, doc_type, doc_number, name, phone, created_at, day) VALUES (?, 'a', ?, 'resident-id', ?, 'x', '1', 'now', 'today')",
    );
    person.run('r1', 1, 'n1');
    expect(() => person.run('r2', 1, 'n2')).toThrow(/UNIQUE/);
    expect(() => person.run('r3', 2, 'n1')).toThrow(/UNIQUE/);
    expect(() =>
      db
        .prepare("INSERT INTO registrations (id, tube_id, position, doc_type, doc_number, name, phone, created_at, day) VALUES ('r4', 'nope', 1, 't', 'n', 'x', '1', 'now', 'today')")
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe('migration 2: facts, audit trail, outbox, bags and handovers', () => {
  beforeEach(() => {
    expect(migrate(db, 1)).toBe(1);
    db.prepare(
      "INSERT INTO tubes (id, barcode, desk, capacity, status, opened_at, day) VALUES ('t', '11111111', '1', 10, 'open', 'now', 'today')",
    ).run();
    db.prepare(
      "INSERT INTO registrations (id, tube_id, position, doc_type, doc_number, name, phone, created_at, day) VALUES ('r', 't', 1, 'resident-id', 'n1', '张三', '13800000000', 'now', 'today')",
    ).run();
  });

  it('keeps every registration, now active, and adds the new tables at user_version 2', () => {
    expect(migrate(db, 2)).toBe(2);
    expect(db.prepare('SELECT id, position, name, status FROM registrations').all()).toEqual([
      { id: 'r', position: 1, name: '张三', status: 'active' },
    ]);
    const names = (objects() as { name: string }[]).map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining(['audit', 'outbox', 'bags', 'bag_tubes', 'handovers']));
    expect(db.prepare('SELECT voided_at FROM tubes').pluck().get()).toBeNull();
  });

  it('frees the position of a removed person but not the person of an active one', () => {
    migrate(db, 2);
    const insert = db.prepare(
      "INSERT INTO registrations (id, tube_id, position, doc_type, doc_number, name, phone, created_at, day) VALUES (?, 't', ?, 'resident-id', ?, 'x', '1', 'now', 'today')",
    );
    expect(() => insert.run('r2', 1, 'n2')).toThrow(/UNIQUE/);
    expect(() => insert.run('r3', 2, 'n1')).toThrow(/UNIQUE/);
    db.prepare("UPDATE registrations SET status = 'removed' WHERE id = 'r'").run();
    insert.run('r4', 1, 'n1');
  });

  it('makes the audit trail append-only', () => {
    migrate(db, 2);
    db.prepare(
      "INSERT INTO audit (seq, fact_id, at, actor, kind, subject, data, prev_hash, hash) VALUES (1, 'f', 'now', 'a', 'k', 's', '{}', 'p', 'h')",
    ).run();
    expect(() => db.prepare("UPDATE audit SET actor = 'b'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
  });
});

describe('migrating', () => {
  it('numbers migrations 1, 2, 3… with no gap', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('rolls a failing migration back whole: no partial schema, version unchanged', () => {
    migrate(db);
    const before = objects();
    const broken = {
      version: migrations.length + 1,
      name: 'broken',
      up: (d: Db) => d.exec('CREATE TABLE half (x); SELECT * FROM missing;'),
    };
    expect(() => migrate(db, undefined, [...migrations, broken])).toThrow(/no such table/);
    expect(objects()).toEqual(before);
    expect(schemaVersion(db)).toBe(migrations.length);
  });

  it('refuses a database from a newer SwabDesk with a clear message', () => {
    db.pragma(`user_version = ${migrations.length + 1}`);
    db.close();
    expect(() => openDatabase(path.join(dir, 'test.db'))).toThrow(/newer than this SwabDesk knows/);
    db = new Database(path.join(dir, 'test.db'));
  });
});
