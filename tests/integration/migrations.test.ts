// Each migration tested from the version before it; a failing migration leaves nothing behind; a database from a
// newer SwabDesk is refused.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyPragmas, openDatabase, type Db } from '../../src-main/core/db/database';
import { migrate, migrations, NEWEST_VERSION, schemaVersion, type Migration } from '../../src-main/core/db/migrations';
import { createCore } from '../../src-main/core/core';
import { openStickerKey, sealStickerKey, type StationKeyPair } from '../../src-main/core/domain/sealedStickerKey';
import { tempDir } from '../fixtures/tempCore';

let dir: string;
let file: string;
let db: Db;

beforeEach(() => {
  dir = tempDir('swabdesk-migrations-');
  file = path.join(dir, 'swabdesk.db');
  db = new Database(file);
  applyPragmas(db);
});

afterEach(() => {
  if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

type SchemaObject = { type: string; name: string; tbl_name: string; sql: string | null };

/** The whole schema: tables, indexes, triggers, with their SQL. */
const schema = (): SchemaObject[] =>
  db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as SchemaObject[];
const names = (type: string) => schema().filter((o) => o.type === type).map((o) => o.name);
const columns = (table: string) => (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);

/** What each migration must leave behind: every migration in the list needs an entry here. */
const CREATES: Record<number, { tables: string[]; indexes: string[]; triggers: string[] }> = {
  1: {
    tables: ['settings', 'tubes', 'registrations'],
    indexes: ['tubes_barcode_in_use', 'tubes_one_open_per_desk', 'tubes_day', 'registrations_day'],
    triggers: [],
  },
  2: {
    tables: ['registrations', 'handovers', 'bags', 'bag_tubes', 'audit', 'outbox'],
    indexes: [
      'registrations_position',
      'registrations_person_in_tube',
      'registrations_person_day',
      'registrations_day',
      'bags_one_open',
      'bag_tubes_bag',
      'outbox_unsent',
    ],
    triggers: ['audit_no_update', 'audit_no_delete'],
  },
  3: {
    tables: ['day_counts'],
    indexes: [],
    triggers: ['day_counts_person_added', 'day_counts_person_gone', 'day_counts_tube_sealed', 'day_counts_tube_voided'],
  },
  4: { tables: ['site', 'desks', 'operators'], indexes: [], triggers: [] },
  5: {
    tables: ['outbox_backlog'],
    indexes: [],
    triggers: ['outbox_backlog_added', 'outbox_backlog_sent', 'outbox_backlog_removed'],
  },
  6: {
    tables: ['upload_status'],
    indexes: ['outbox_waiting', 'outbox_held'],
    triggers: ['outbox_backlog_added', 'outbox_backlog_changed', 'outbox_backlog_removed'],
  },
  7: { tables: ['audit_private'], indexes: ['audit_subject'], triggers: [] },
  8: { tables: [], indexes: ['outbox_acknowledged'], triggers: [] },
  9: { tables: [], indexes: [], triggers: ['day_counts_tube_reopened'] },
  10: { tables: ['sticker_keys'], indexes: ['sticker_keys_printing'], triggers: [] },
  11: { tables: ['bags', 'bag_tubes'], indexes: ['bags_barcode_in_use', 'bags_one_open', 'bag_tubes_bag'], triggers: [] },
  12: { tables: [], indexes: ['operators_name', 'handovers_day'], triggers: [] },
  13: {
    tables: [
      'mirror_feed',
      'mirror_facts',
      'mirror_stations',
      'mirror_tubes',
      'mirror_registrations',
      'mirror_bags',
      'mirror_bag_tubes',
      'mirror_handovers',
      'mirror_handover_bags',
      'bag_site_tubes',
    ],
    indexes: [
      'mirror_facts_tube',
      'mirror_facts_registration',
      'mirror_facts_bag',
      'mirror_facts_handover',
      'mirror_tubes_barcode',
      'mirror_tubes_status',
      'mirror_registrations_person',
      'mirror_registrations_day',
      'mirror_bags_barcode',
      'mirror_bag_tubes_tube',
      'mirror_handover_bags_bag',
      'bag_site_tubes_bag',
    ],
    triggers: [],
  },
  14: {
    tables: ['roster_round', 'roster_state', 'roster_people', 'roster_counts', 'roster_hours'],
    indexes: ['roster_people_address', 'registrations_tube', 'mirror_registrations_tube'],
    triggers: [
      'roster_counted',
      'roster_person_added',
      'roster_uncounted',
      'roster_recounted',
      'roster_registered',
      'roster_registration_changed',
      'roster_registration_purged',
      'roster_tube_voided',
      'roster_mirror_registered',
      'roster_mirror_registration_changed',
      'roster_mirror_registration_gone',
      'roster_mirror_tube_folded',
      'roster_mirror_tube_changed',
      'roster_round_changed',
    ],
  },
  15: { tables: ['station_keypair'], indexes: [], triggers: [] },
  16: { tables: [], indexes: [], triggers: ['roster_round_changed', 'roster_round_recounted'] },
};

describe('migration 3: day counts', () => {
  it('counts what a version 2 database already holds, then keeps the counts as rows change', () => {
    migrate(db, 2);
    db.exec(`
      INSERT INTO tubes (id, barcode, desk, capacity, status, seal_reason, opened_at, day)
        VALUES ('t1', '11111111', '1', 10, 'sealed', 'full', 'now', 'd1'), ('t2', '22222222', '1', 10, 'open', NULL, 'now', 'd1');
      INSERT INTO registrations (id, tube_id, position, doc_type, doc_number, name, phone, status, created_at, day) VALUES
        ('r1', 't1', 1, 'resident-id', 'n1', 'x', '1', 'active', 'now', 'd1'),
        ('r2', 't1', 2, 'resident-id', 'n2', 'x', '1', 'removed', 'now', 'd1'),
        ('r3', 't2', 1, 'resident-id', 'n3', 'x', '1', 'active', 'now', 'd1');
    `);
    migrate(db, 3);
    const counts = () => db.prepare("SELECT people, sealed FROM day_counts WHERE day = 'd1'").get();
    expect(counts()).toEqual({ people: 2, sealed: 1 });
    db.exec("INSERT INTO registrations (id, tube_id, position, doc_type, doc_number, name, phone, created_at, day) VALUES ('r4', 't2', 2, 'resident-id', 'n4', 'x', '1', 'now', 'd1')");
    db.exec("UPDATE tubes SET status = 'sealed' WHERE id = 't2'");
    expect(counts()).toEqual({ people: 3, sealed: 2 });
    db.exec("UPDATE registrations SET status = 'voided' WHERE id = 'r1'; UPDATE tubes SET voided_at = 'now' WHERE id = 't1'");
    expect(counts()).toEqual({ people: 2, sealed: 1 });
  });
});

describe('migration 9: the tube a new tube replaced', () => {
  it('keeps the tubes of a version 8 database, none replacing another, and counts a tube opened again as no longer sealed', () => {
    migrate(db, 8);
    db.exec(`
      INSERT INTO tubes (id, barcode, desk, capacity, status, seal_reason, opened_at, day)
        VALUES ('t1', '11111111', '1', 10, 'open', NULL, 'now', 'd1'), ('t2', '22222222', '2', 10, 'open', NULL, 'now', 'd1');
      UPDATE tubes SET status = 'sealed', seal_reason = 'replaced' WHERE id = 't1';
      UPDATE tubes SET status = 'sealed', seal_reason = 'full' WHERE id = 't2';
    `);
    migrate(db, 9);
    expect(columns('tubes')).toContain('replaces');
    expect(db.prepare('SELECT id, replaces FROM tubes ORDER BY id').all()).toEqual([
      { id: 't1', replaces: null },
      { id: 't2', replaces: null },
    ]);
    const sealed = () => db.prepare("SELECT sealed FROM day_counts WHERE day = 'd1'").pluck().get();
    expect(sealed()).toBe(2);
    db.exec("INSERT INTO tubes (id, barcode, desk, capacity, status, opened_at, day, replaces) VALUES ('t3', '33333333', '1', 10, 'open', 'now', 'd1', 't1')");
    db.exec("UPDATE tubes SET status = 'discarded' WHERE id = 't3'; UPDATE tubes SET status = 'open', seal_reason = NULL WHERE id = 't1'");
    expect(sealed()).toBe(1);
    // Sealed again later, it counts again; a voided tube does not count when it is opened again.
    db.exec("UPDATE tubes SET status = 'sealed', seal_reason = 'full' WHERE id = 't1'");
    expect(sealed()).toBe(2);
    db.exec("UPDATE tubes SET voided_at = 'now' WHERE id = 't2'; UPDATE tubes SET status = 'open' WHERE id = 't2'");
    expect(sealed()).toBe(1);
    // The tube named must exist.
    expect(() =>
      db.exec("INSERT INTO tubes (id, barcode, desk, capacity, status, opened_at, day, replaces) VALUES ('t4', '44444444', '3', 10, 'open', 'now', 'd1', 'nowhere')"),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe('migration 10: sticker keys', () => {
  type KeyRow = { id: string; secret: Buffer; printing: number; created_at: string };
  const keys = () => db.prepare('SELECT * FROM sticker_keys').all() as KeyRow[];

  it('gives a version 9 database one random key of its own to print with, and keeps its settings apart', () => {
    migrate(db, 9);
    db.exec(`INSERT INTO settings (key, value) VALUES ('poolingRatio', '10')`);
    migrate(db, 10);
    const [key, ...more] = keys();
    expect(more).toEqual([]);
    expect(key).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{8}$/), printing: 1 });
    expect(Buffer.isBuffer(key.secret)).toBe(true);
    expect(key.secret).toHaveLength(32);
    expect(new Set(key.secret).size).toBeGreaterThan(8);
    expect(db.prepare('SELECT key, value FROM settings').all()).toEqual([{ key: 'poolingRatio', value: '10' }]);

    // Another station's database gets another key.
    const other = new Database(path.join(dir, 'other.db'));
    migrate(other, 10);
    const theirs = other.prepare('SELECT id, secret FROM sticker_keys').get() as KeyRow;
    other.close();
    expect(theirs.id).not.toBe(key.id);
    expect(theirs.secret.equals(key.secret)).toBe(false);
  });

  it('holds keys of other stations beside its own, one printing at most, each a 32-byte secret under an 8-hex-digit id', () => {
    migrate(db, 10);
    const add = db.prepare("INSERT INTO sticker_keys (id, secret, printing, created_at) VALUES (?, ?, ?, 'now')");
    add.run('0badc0de', Buffer.alloc(32, 1), 0);
    expect(keys()).toHaveLength(2);
    expect(() => add.run('c0ffee00', Buffer.alloc(32, 2), 1)).toThrow(/UNIQUE/);
    expect(() => add.run('c0ffee0', Buffer.alloc(32, 2), 0)).toThrow(/CHECK/);
    expect(() => add.run('C0FFEE00', Buffer.alloc(32, 2), 0)).toThrow(/CHECK/);
    expect(() => add.run('c0ffee00', Buffer.alloc(16, 2), 0)).toThrow(/CHECK/);
    expect(() => add.run('0badc0de', Buffer.alloc(32, 3), 0)).toThrow(/UNIQUE|PRIMARY/);
  });
});

describe('migration 11: an empty bag dropped for the next one', () => {
  it('keeps every bag and what it holds, frees the label of a dropped bag, and still allows one open bag', () => {
    const before = migrations[migrations.findIndex((m) => m.version === 11) - 1].version;
    migrate(db, before);
    db.exec(`
      INSERT INTO tubes (id, barcode, desk, capacity, status, seal_reason, opened_at, day)
        VALUES ('t1', '11111111', '1', 10, 'sealed', 'full', 'now', 'd1'), ('t2', '22222222', '1', 10, 'sealed', 'full', 'now', 'd1');
      INSERT INTO handovers (id, number, courier_name, courier_phone, vehicle, temperature, handed_at, day)
        VALUES ('h1', '20261122-001', '李', '13900001111', '京A', NULL, 'now', 'd1');
      INSERT INTO bags (id, barcode, capacity, status, opened_at, sealed_at, handover_id, day)
        VALUES ('b1', 'B1', 20, 'sealed', 'now', 'later', 'h1', 'd1'), ('b2', 'B2', 20, 'open', 'now', NULL, NULL, 'd1');
      INSERT INTO bag_tubes (tube_id, bag_id, packed_at) VALUES ('t1', 'b1', 'now'), ('t2', 'b2', 'now');
    `);
    const bags = () => db.prepare('SELECT * FROM bags ORDER BY id').all();
    const packed = () => db.prepare('SELECT * FROM bag_tubes ORDER BY tube_id').all();
    const [bagsBefore, packedBefore] = [bags(), packed()];
    migrate(db, 11);
    expect(bags()).toEqual(bagsBefore);
    expect(packed()).toEqual(packedBefore);
    expect(names('table')).not.toContain('bags_v11');
    expect(names('table')).not.toContain('bag_tubes_kept');

    const bag = db.prepare("INSERT INTO bags (id, barcode, capacity, status, opened_at, day) VALUES (?, ?, 20, ?, 'now', 'd1')");
    // One open bag; a label in use once; a dropped bag's label free again.
    expect(() => bag.run('b3', 'B3', 'open')).toThrow(/UNIQUE/);
    expect(() => bag.run('b3', 'B1', 'sealed')).toThrow(/UNIQUE/);
    db.exec("UPDATE bags SET status = 'discarded' WHERE id = 'b2'");
    bag.run('b4', 'B4', 'open');
    bag.run('b5', 'B2', 'sealed');
    bag.run('b6', 'B2', 'discarded');
    expect(() => bag.run('b7', 'B7', 'lost')).toThrow(/CHECK/);
    // The foreign keys hold after the rebuild: a tube in one bag only, and only in a bag that exists.
    const pack = db.prepare("INSERT INTO bag_tubes (tube_id, bag_id, packed_at) VALUES (?, ?, 'now')");
    expect(() => pack.run('t1', 'b4')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => pack.run('t9', 'b4')).toThrow(/FOREIGN KEY/);
    db.exec("INSERT INTO tubes (id, barcode, desk, capacity, status, opened_at, day) VALUES ('t3', '33333333', '1', 10, 'sealed', 'now', 'd1')");
    expect(() => pack.run('t3', 'nowhere')).toThrow(/FOREIGN KEY/);
    expect(() => db.exec("DELETE FROM bags WHERE id = 'b1'")).toThrow(/FOREIGN KEY/);
  });
});

describe('migration 12: unique operator names, staff numbers, who handed over', () => {
  it('renames the later of operators sharing a name, then refuses a second operator of the same name', () => {
    migrate(db, 11);
    const long = '长'.repeat(40);
    db.exec(`
      INSERT INTO operators (id, name, role, created_at) VALUES
        ('o1', '王芳', 'clerk', '2026-01-01'), ('o2', '王芳', 'clerk', '2026-01-02'), ('o3', '王芳 (2)', 'manager', '2026-01-03'),
        ('o4', 'anna', 'clerk', '2026-01-04'), ('o5', 'Anna', 'clerk', '2026-01-05'),
        ('o6', '${long}', 'clerk', '2026-01-06'), ('o7', '${long}', 'clerk', '2026-01-07');
    `);
    migrate(db, 12);
    expect(db.prepare('SELECT id, name FROM operators ORDER BY id').all()).toEqual([
      { id: 'o1', name: '王芳' },
      // "王芳 (2)" is somebody's own name already.
      { id: 'o2', name: '王芳 (3)' },
      { id: 'o3', name: '王芳 (2)' },
      { id: 'o4', name: 'anna' },
      { id: 'o5', name: 'Anna (2)' },
      { id: 'o6', name: long },
      // Within the 40 characters the core allows.
      { id: 'o7', name: `${'长'.repeat(36)} (2)` },
    ]);
    expect(columns('operators')).toContain('staff_number');
    expect(() => db.exec("INSERT INTO operators (id, name, role, created_at) VALUES ('o8', 'ANNA', 'clerk', 'now')")).toThrow(/UNIQUE/);
  });

  it("gives a version 11 database's handovers the site's name and code and the manager its audit row names", () => {
    migrate(db, 11);
    db.exec(`
      INSERT INTO settings (key, value) VALUES ('siteName', '"朝阳一小"'), ('siteCode', '"CY-001"');
      INSERT INTO operators (id, name, role, created_at) VALUES ('m1', '赵经理', 'manager', 'now');
      INSERT INTO handovers (id, number, courier_name, courier_phone, vehicle, temperature, handed_at, day) VALUES
        ('h1', '20261122-001', '李师傅', '13900001111', '京A12345', NULL, 'now', '2026-11-22'),
        ('h2', '20261122-002', '李师傅', '13900001111', '京A12345', NULL, 'now', '2026-11-22');
      INSERT INTO audit (seq, fact_id, at, actor, kind, subject, data, prev_hash, hash)
        VALUES (1, 'f1', 'now', 'manager:m1', 'handover', 'h1', '{}', 'x', 'y');
    `);
    migrate(db, 12);
    expect(db.prepare('SELECT id, site_name, site_code, handed_by FROM handovers ORDER BY id').all()).toEqual([
      { id: 'h1', site_name: '朝阳一小', site_code: 'CY-001', handed_by: '赵经理' },
      // No audit row to name the manager: nobody is made up.
      { id: 'h2', site_name: '朝阳一小', site_code: 'CY-001', handed_by: null },
    ]);
  });
});

describe('migration 4: site, desks and operators', () => {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

  it('gives the site and every desk already named by a tube a UUID, and keeps every registration as a scan', () => {
    migrate(db, 3);
    db.exec(`
      INSERT INTO tubes (id, barcode, desk, capacity, status, opened_at, day) VALUES
        ('t1', '11111111', '1', 10, 'sealed', 'now', 'd1'), ('t2', '22222222', '2', 10, 'open', 'now', 'd1');
      INSERT INTO registrations (id, tube_id, position, doc_type, doc_number, name, phone, status, created_at, day)
        VALUES ('r1', 't1', 1, 'resident-id', 'n1', 'x', '1', 'active', 'now', 'd1');
    `);
    migrate(db, 4);
    const site = db.prepare('SELECT id FROM site').all() as { id: string }[];
    expect(site).toHaveLength(1);
    expect(site[0].id).toMatch(UUID);
    const desks = db.prepare('SELECT code, id FROM desks ORDER BY code').all() as { code: string; id: string }[];
    expect(desks.map((d) => d.code)).toEqual(['1', '2']);
    for (const desk of desks) expect(desk.id).toMatch(UUID);
    expect(db.prepare("SELECT source, sex, birth_date, operator_id FROM registrations WHERE id = 'r1'").get()).toEqual({
      source: 'scan',
      sex: null,
      birth_date: null,
      operator_id: null,
    });
  });

  it('holds one site only, and refuses an unknown role, sex or source', () => {
    migrate(db, 4);
    expect(() => db.exec("INSERT INTO site (id, name, created_at) VALUES ('s2', '', 'now')")).toThrow(/UNIQUE/);
    expect(() => db.exec("INSERT INTO operators (id, name, role, created_at) VALUES ('o1', 'x', 'guide', 'now')")).toThrow(
      /CHECK/,
    );
    db.exec("INSERT INTO tubes (id, barcode, desk, capacity, status, opened_at, day) VALUES ('t1', '1', '1', 1, 'open', 'now', 'd')");
    const add = (sex: string, source: string) =>
      db.exec(`INSERT INTO registrations (id, tube_id, position, doc_type, doc_number, name, phone, created_at, day, sex, source)
               VALUES ('r-${sex}-${source}', 't1', 1, 'resident-id', 'n', 'x', '', 'now', 'd', '${sex}', '${source}')`);
    expect(() => add('other', 'card')).toThrow(/CHECK/);
    expect(() => add('male', 'fax')).toThrow(/CHECK/);
  });
});

describe('migration 5: outbox backlog count', () => {
  const unsent = () => db.prepare('SELECT unsent FROM outbox_backlog').pluck().get();
  const fact = (id: string, sentAt: string | null) => {
    db.prepare(
      `INSERT INTO audit (seq, fact_id, at, actor, kind, subject, data, prev_hash, hash)
       VALUES ((SELECT count(*) + 1 FROM audit), ?, 'now', 'a', 'k', 's', '{}', 'p', ?)`,
    ).run(id, `h-${id}`);
    db.prepare("INSERT INTO outbox (fact_id, kind, payload, created_at, sent_at) VALUES (?, 'k', '{}', 'now', ?)").run(id, sentAt);
  };

  it('counts the unsent facts a version 4 database holds, then follows every insert, acknowledgement and removal', () => {
    migrate(db, 4);
    fact('f1', null);
    fact('f2', 'sent');
    fact('f3', null);
    migrate(db, 5);
    expect(unsent()).toBe(2);

    fact('f4', null);
    fact('f5', 'sent');
    expect(unsent()).toBe(3);
    db.exec("UPDATE outbox SET sent_at = 'later' WHERE fact_id = 'f1'");
    // Acknowledged twice (a resend) counts once.
    db.exec("UPDATE outbox SET sent_at = 'again' WHERE fact_id = 'f1'");
    expect(unsent()).toBe(2);
    db.exec("DELETE FROM outbox WHERE fact_id IN ('f2', 'f3')");
    expect(unsent()).toBe(1);
    expect(unsent()).toBe(db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck().get());
  });
});

describe('migration 6: held facts and upload status', () => {
  const unsent = () => db.prepare('SELECT unsent FROM outbox_backlog').pluck().get();
  const waiting = () => db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL AND held_at IS NULL').pluck().get();
  const fact = (id: string, sentAt: string | null, heldAt: string | null = null) => {
    db.prepare(
      `INSERT INTO audit (seq, fact_id, at, actor, kind, subject, data, prev_hash, hash)
       VALUES ((SELECT count(*) + 1 FROM audit), ?, 'now', 'a', 'k', 's', '{}', 'p', ?)`,
    ).run(id, `h-${id}`);
    const columns = heldAt === null ? '' : ', held_at';
    const values = heldAt === null ? '' : ', ?';
    db.prepare(`INSERT INTO outbox (fact_id, kind, payload, created_at, sent_at${columns}) VALUES (?, 'k', '{}', 'now', ?${values})`).run(
      ...[id, sentAt, ...(heldAt === null ? [] : [heldAt])],
    );
  };

  it('keeps the count of a version 5 database, and leaves held facts out of it through hold, release and acknowledgement', () => {
    migrate(db, 5);
    fact('f1', null);
    fact('f2', 'sent');
    fact('f3', null);
    migrate(db, 6);
    expect(unsent()).toBe(2);

    fact('f4', null, 'held');
    expect(unsent()).toBe(2);
    db.exec("UPDATE outbox SET held_at = 'now', held_reason = '422' WHERE fact_id = 'f1'");
    expect(unsent()).toBe(1);
    // Held twice (a new reason) counts once.
    db.exec("UPDATE outbox SET held_at = 'later' WHERE fact_id = 'f1'");
    expect(unsent()).toBe(1);
    db.exec("UPDATE outbox SET held_at = NULL WHERE fact_id = 'f4'");
    expect(unsent()).toBe(2);
    db.exec("UPDATE outbox SET sent_at = 'now' WHERE fact_id = 'f3'");
    db.exec("UPDATE outbox SET sent_at = 'again' WHERE fact_id = 'f3'");
    expect(unsent()).toBe(1);
    // A held fact the platform acknowledges after all leaves the held list, and was never counted.
    db.exec("UPDATE outbox SET sent_at = 'now' WHERE fact_id = 'f1'");
    expect(unsent()).toBe(1);
    db.exec("DELETE FROM outbox WHERE fact_id = 'f4'");
    expect(unsent()).toBe(0);
    expect(unsent()).toBe(waiting());
    expect(db.prepare('SELECT last_success_at FROM upload_status').pluck().get()).toBeNull();
  });
});

describe('every migration, from the version before it', () => {
  it('numbers migrations 1, 2, 3… with no gap, and each has its expectations here', () => {
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(Object.keys(CREATES).map(Number)).toEqual(migrations.map((m) => m.version));
  });

  it.each(migrations.map((m, i) => [m.version, m.name, m, migrations[i - 1]?.version ?? 0] as const))(
    'migration %i (%s)',
    (version, _name, migration, previous) => {
      expect(migrate(db, previous)).toBe(previous);
      expect(schemaVersion(db)).toBe(previous);
      const before = schema();

      expect(migrate(db, version)).toBe(version);
      expect(schemaVersion(db)).toBe(version);
      expect(migration.version).toBe(version);

      const expected = CREATES[version];
      expect(names('table')).toEqual(expect.arrayContaining(expected.tables));
      expect(names('index')).toEqual(expect.arrayContaining(expected.indexes));
      expect(names('trigger')).toEqual(expect.arrayContaining(expected.triggers));
      // Something changed, and the database is sound afterwards.
      expect(schema()).not.toEqual(before);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      // Running again is a no-op.
      const after = schema();
      expect(migrate(db, version)).toBe(version);
      expect(schema()).toEqual(after);
    },
  );
});

describe('migration 1: tubes and registrations', () => {
  beforeEach(() => {
    expect(migrate(db, 0)).toBe(0);
    expect(migrate(db, 1)).toBe(1);
  });

  it('stores settings as JSON only', () => {
    db.prepare("INSERT INTO settings (key, value) VALUES ('poolingRatio', '10')").run();
    expect(() => db.prepare("INSERT INTO settings (key, value) VALUES ('x', 'not json')").run()).toThrow(/CHECK/);
  });

  it('enforces one open tube per desk, barcodes unique unless discarded, positions unique per tube', () => {
    const tube = db.prepare(
      "INSERT INTO tubes (id, barcode, desk, capacity, status, opened_at, day) VALUES (?, ?, ?, 10, ?, 'now', 'today')",
    );
    tube.run('a', '11111111', '1', 'open');
    expect(() => tube.run('b', '22222222', '1', 'open')).toThrow(/UNIQUE/);
    expect(() => tube.run('c', '11111111', '2', 'sealed')).toThrow(/UNIQUE/);
    expect(() => tube.run('f', '44444444', '2', 'lost')).toThrow(/CHECK/);
    tube.run('d', '33333333', '2', 'discarded');
    tube.run('e', '33333333', '2', 'open');
    const person = db.prepare(
      "INSERT INTO registrations (id, tube_id, position, doc_type, doc_number, name, phone, created_at, day) VALUES (?, ?, ?, 'resident-id', ?, 'x', '1', 'now', 'today')",
    );
    person.run('r1', 'a', 1, 'n1');
    expect(() => person.run('r2', 'a', 1, 'n2')).toThrow(/UNIQUE/);
    expect(() => person.run('r3', 'a', 2, 'n1')).toThrow(/UNIQUE/);
    expect(() => person.run('r4', 'nope', 1, 'n')).toThrow(/FOREIGN KEY/);
    expect(() => person.run('r5', 'a', 0, 'n5')).toThrow(/CHECK/);
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
    expect(migrate(db, 2)).toBe(2);
  });

  it('keeps every registration, now active, and adds voided_at to tubes', () => {
    expect(db.prepare('SELECT id, tube_id, position, doc_number, name, phone, status FROM registrations').all()).toEqual([
      { id: 'r', tube_id: 't', position: 1, doc_number: 'n1', name: '张三', phone: '13800000000', status: 'active' },
    ]);
    expect(columns('tubes')).toContain('voided_at');
    expect(db.prepare('SELECT voided_at FROM tubes').pluck().get()).toBeNull();
    expect(names('table')).not.toContain('registrations_v2');
  });

  it('frees the position of a removed person but not the person of an active one', () => {
    const insert = db.prepare(
      "INSERT INTO registrations (id, tube_id, position, doc_type, doc_number, name, phone, created_at, day) VALUES (?, 't', ?, 'resident-id', ?, 'x', '1', 'now', 'today')",
    );
    expect(() => insert.run('r2', 1, 'n2')).toThrow(/UNIQUE/);
    expect(() => insert.run('r3', 2, 'n1')).toThrow(/UNIQUE/);
    db.prepare("UPDATE registrations SET status = 'removed' WHERE id = 'r'").run();
    insert.run('r4', 1, 'n1');
    expect(() => db.prepare("UPDATE registrations SET status = 'deleted' WHERE id = 'r4'").run()).toThrow(/CHECK/);
  });

  it('keeps the foreign key from registrations to tubes after rebuilding the table', () => {
    expect(() =>
      db
        .prepare(
          "INSERT INTO registrations (id, tube_id, position, doc_type, doc_number, name, phone, created_at, day) VALUES ('x', 'nope', 1, 't', 'n', 'x', '1', 'now', 'today')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('makes the audit trail append-only, and the outbox point at it', () => {
    db.prepare(
      "INSERT INTO audit (seq, fact_id, at, actor, kind, subject, data, prev_hash, hash) VALUES (1, 'f', 'now', 'a', 'k', 's', '{}', 'p', 'h')",
    ).run();
    expect(() => db.prepare("UPDATE audit SET actor = 'b'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    const outbox = db.prepare("INSERT INTO outbox (fact_id, kind, payload, created_at) VALUES (?, 'k', '{}', 'now')");
    outbox.run('f');
    expect(() => outbox.run('f')).toThrow(/UNIQUE/);
    expect(() => outbox.run('no-such-fact')).toThrow(/FOREIGN KEY/);
  });

  it('puts a tube in one bag only, and allows one open bag', () => {
    const bag = db.prepare("INSERT INTO bags (id, barcode, capacity, status, opened_at, day) VALUES (?, ?, 20, ?, 'now', 'today')");
    bag.run('b1', 'B1', 'open');
    expect(() => bag.run('b2', 'B2', 'open')).toThrow(/UNIQUE/);
    bag.run('b3', 'B3', 'sealed');
    const pack = db.prepare("INSERT INTO bag_tubes (tube_id, bag_id, packed_at) VALUES ('t', ?, 'now')");
    pack.run('b1');
    expect(() => pack.run('b3')).toThrow(/UNIQUE|PRIMARY KEY/);
  });
});

describe('migrating', () => {
  const broken: Migration = {
    version: NEWEST_VERSION + 1,
    name: 'broken',
    up: (d: Db) => d.exec('CREATE TABLE half (x); CREATE INDEX half_x ON half (x); SELECT * FROM missing;'),
  };

  it('rolls a failing migration back whole: no partial schema, version unchanged, data kept', () => {
    migrate(db);
    db.prepare("INSERT INTO settings (key, value) VALUES ('poolingRatio', '5')").run();
    const before = schema();
    expect(() => migrate(db, undefined, [...migrations, broken])).toThrow(/no such table: missing/);
    expect(schema()).toEqual(before);
    expect(names('table')).not.toContain('half');
    expect(schemaVersion(db)).toBe(NEWEST_VERSION);
    expect(db.prepare('SELECT value FROM settings').pluck().all()).toEqual(['5']);
    expect(db.inTransaction).toBe(false);
  });

  it('keeps the migrations before the one that failed, each committed on its own', () => {
    const failingSecond: Migration = { ...broken, version: 2 };
    expect(() => migrate(db, undefined, [migrations[0], failingSecond])).toThrow(/no such table/);
    expect(schemaVersion(db)).toBe(1);
    expect(names('table').sort()).toEqual([...CREATES[1].tables].sort());
    // The real migration 2 can still run afterwards.
    expect(migrate(db)).toBe(NEWEST_VERSION);
  });

  it('refuses a database from a newer SwabDesk with a clear message, and leaves it as it was', () => {
    migrate(db);
    const newer = NEWEST_VERSION + 1;
    db.pragma(`user_version = ${newer}`);
    db.close();
    const message = new RegExp(`schema version ${newer}, newer than this SwabDesk knows \\(${NEWEST_VERSION}\\)\\. Update SwabDesk`);
    expect(() => openDatabase(file)).toThrow(message);
    expect(() => createCore({ dataDir: dir })).toThrow(message);
    db = new Database(file, { readonly: true });
    expect(schemaVersion(db)).toBe(newer);
  });

  it('refuses it from migrate() too, before touching anything', () => {
    db.pragma(`user_version = ${NEWEST_VERSION + 5}`);
    expect(() => migrate(db)).toThrow(/newer than this SwabDesk knows/);
    expect(schema()).toEqual([]);
  });
});

describe("migration 13: the site's mirror", () => {
  it('keeps what the station holds, starts the feed from 0, and packs another PC\'s tube only into a bag of this PC', () => {
    migrate(db, 12);
    db.exec(`
      INSERT INTO tubes (id, barcode, desk, capacity, status, seal_reason, opened_at, day)
        VALUES ('t1', '11111111', '1', 10, 'sealed', 'full', 'now', 'd1');
      INSERT INTO bags (id, barcode, capacity, status, opened_at, day) VALUES ('b1', 'B1', 20, 'open', 'now', 'd1');
      INSERT INTO bag_tubes (tube_id, bag_id, packed_at) VALUES ('t1', 'b1', 'now');
    `);
    const packed = () => db.prepare('SELECT * FROM bag_tubes').all();
    const before = packed();
    migrate(db, 13);
    expect(packed()).toEqual(before);
    expect(db.prepare('SELECT cursor FROM mirror_feed').pluck().all()).toEqual([0]);
    expect(() => db.exec('INSERT INTO mirror_feed (id, cursor) VALUES (2, 0)')).toThrow(/CHECK/);
    const packSiteTube = db.prepare("INSERT INTO bag_site_tubes (tube_id, bag_id, tube_barcode, packed_at) VALUES (?, ?, ?, 'now')");
    packSiteTube.run('elsewhere-1', 'b1', '22222222');
    expect(() => packSiteTube.run('elsewhere-1', 'b1', '22222222')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => packSiteTube.run('elsewhere-2', 'nowhere', '33333333')).toThrow(/FOREIGN KEY/);
  });
});

describe("migration 14: the community's roster", () => {
  it('counts a person of the roster sampled by a registration already held, on this PC or another, and follows voids, removals and the round', () => {
    migrate(db, 13);
    db.exec(`
      INSERT INTO tubes (id, barcode, desk, capacity, status, seal_reason, opened_at, day)
        VALUES ('t1', '11111111', '1', 10, 'sealed', 'full', '2026-11-30T01:00:00.000Z', '2026-11-30');
      INSERT INTO registrations (id, tube_id, position, doc_type, doc_number, name, phone, created_at, day)
        VALUES ('r1', 't1', 1, 'resident-id', 'A1', 'x', '', '2026-11-30T01:30:00.000Z', '2026-11-30');
      INSERT INTO mirror_registrations (registration_id, tube_id, doc_type, doc_number, added_at, day)
        VALUES ('m1', 'elsewhere', 'resident-id', 'B2', '2026-11-30T02:00:00.000Z', '2026-11-30');
    `);
    migrate(db, 14);
    db.exec("UPDATE roster_round SET first_day = '2026-11-30', last_day = '2026-11-30', follows_today = 0");
    const person = db.prepare(
      `INSERT INTO roster_people (id, version, doc_type, doc_number, name, phone, grid, building, unit, room, address, address_key, tags, added_at, updated_at)
       VALUES (?, 0, 'resident-id', ?, 'x', '', ?, ?, '1', '101', '', '', ?, 'now', 'now')`,
    );
    person.run('p1', 'A1', 'G1', '1栋', '["60岁以上"]');
    person.run('p2', 'B2', 'G1', '2栋', '[]');
    person.run('p3', 'C3', 'G2', '1栋', '["60岁以上"]');
    const counts = () =>
      db.prepare('SELECT dimension, grid, key, on_roster, sampled, excused FROM roster_counts WHERE version = 0 AND on_roster <> 0 ORDER BY dimension, grid, key').raw().all();
    expect(counts()).toEqual([
      ['building', 'G1', '1栋', 1, 1, 0],
      ['building', 'G1', '2栋', 1, 1, 0],
      ['building', 'G2', '1栋', 1, 0, 0],
      ['grid', 'G1', '', 2, 2, 0],
      ['grid', 'G2', '', 1, 0, 0],
      ['tag', '', '60岁以上', 2, 1, 0],
    ]);
    expect(db.prepare('SELECT sum(sampled) FROM roster_hours').pluck().get()).toBe(2);

    // The tube voided: its person is not sampled; another PC's registration voided: nor is theirs.
    db.exec("UPDATE tubes SET voided_at = 'now' WHERE id = 't1'");
    db.exec("UPDATE mirror_registrations SET voided_at = 'now' WHERE registration_id = 'm1'");
    expect(db.prepare("SELECT sum(sampled) FROM roster_counts WHERE dimension = 'grid'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT sum(sampled) FROM roster_hours').pluck().get()).toBe(0);

    // Excused, then taken off the roster: counted neither way.
    db.exec("UPDATE roster_people SET excused_at = 'now', excused_reason = 'away' WHERE id = 'p3'");
    expect(counts()).toContainEqual(['grid', 'G2', '', 1, 0, 1]);
    db.exec("UPDATE roster_people SET removed_at = 'now' WHERE id = 'p3'");
    expect(counts()).not.toContainEqual(expect.arrayContaining(['G2']));

    // A round without the day: nobody sampled; back to it: the same.
    db.exec("UPDATE tubes SET voided_at = NULL WHERE id = 't1'");
    db.exec("UPDATE roster_round SET first_day = '2026-12-01', last_day = '2026-12-01'");
    expect(db.prepare("SELECT sum(sampled) FROM roster_counts WHERE dimension = 'grid'").pluck().get()).toBe(0);
    db.exec("UPDATE roster_round SET first_day = '2026-11-29', last_day = '2026-11-30'");
    expect(db.prepare("SELECT sampled_at FROM roster_people WHERE id = 'p1'").pluck().get()).toBe('2026-11-30T01:30:00.000Z');
    expect(() => db.exec("UPDATE roster_round SET last_day = '2026-11-01'")).toThrow(/CHECK/);
    // The same person in the roster's next version (an import being built) is counted in that version only, and
    // sampled by the same registration; each version holds a document once.
    db.exec(`INSERT INTO roster_people (id, version, doc_type, doc_number, name, phone, grid, building, unit, room, address, address_key, tags, added_at, updated_at)
      SELECT id, 1, doc_type, doc_number, name, phone, 'G9', building, unit, room, address, address_key, tags, added_at, updated_at FROM roster_people WHERE id = 'p1'`);
    expect(db.prepare("SELECT version, on_roster, sampled FROM roster_counts WHERE dimension = 'grid' AND grid = 'G9'").raw().all()).toEqual([[1, 1, 1]]);
    expect(() => db.exec("INSERT INTO roster_people SELECT * FROM roster_people WHERE id = 'p1' AND version = 1")).toThrow(/UNIQUE|PRIMARY KEY/);
  });
});

describe("migration 15: the station's keypair for sharing sticker keys", () => {
  it('gives a version 14 database one X25519 keypair of its own, and keeps its sticker key as its own', () => {
    migrate(db, 14);
    const before = db.prepare('SELECT id, secret, printing, created_at FROM sticker_keys').all();
    migrate(db, 15);
    const pair = db.prepare('SELECT public_key AS publicKey, private_key AS privateKey FROM station_keypair').get() as StationKeyPair;
    expect(pair.publicKey).toHaveLength(32);
    expect(pair.privateKey).toHaveLength(32);
    // The pair is one: a key sealed for its public key opens with its private key.
    const secret = Buffer.alloc(32, 7);
    const context = { from: 'a', to: 'b', keyId: '0badc0de' };
    expect(openStickerKey(sealStickerKey(secret, pair.publicKey, context), pair, context)).toEqual(secret);
    expect(db.prepare('SELECT id, secret, printing, created_at, shared_by FROM sticker_keys').all()).toEqual(
      before.map((key) => ({ ...(key as object), shared_by: null })),
    );
    expect(() => db.exec("INSERT INTO station_keypair VALUES (2, zeroblob(32), zeroblob(32), 'now')")).toThrow(/CHECK/);
    expect(() => db.exec("INSERT INTO station_keypair VALUES (1, zeroblob(32), zeroblob(32), 'now')")).toThrow(/UNIQUE|PRIMARY/);

    // Another station's database gets another pair.
    const other = new Database(path.join(dir, 'other.db'));
    migrate(other, 15);
    const theirs = other.prepare('SELECT public_key FROM station_keypair').pluck().get() as Buffer;
    other.close();
    expect(theirs.equals(pair.publicKey)).toBe(false);
  });
});

describe('migration 16: a new round counted again in the background', () => {
  it('counts nobody again when the round changes, only the people the mark passes, and starts over on another change', () => {
    migrate(db, 15);
    db.exec(`
      INSERT INTO tubes (id, barcode, desk, capacity, status, seal_reason, opened_at, day)
        VALUES ('t1', '11111111', '1', 10, 'sealed', 'full', '2026-11-30T01:00:00.000Z', '2026-11-30');
      INSERT INTO registrations (id, tube_id, position, doc_type, doc_number, name, phone, created_at, day) VALUES
        ('r1', 't1', 1, 'resident-id', 'A1', 'x', '', '2026-11-30T01:30:00.000Z', '2026-11-30'),
        ('r2', 't1', 2, 'resident-id', 'B2', 'x', '', '2026-11-30T01:31:00.000Z', '2026-11-30');
      UPDATE roster_round SET first_day = '2026-11-30', last_day = '2026-11-30', follows_today = 0;
    `);
    const person = db.prepare(
      `INSERT INTO roster_people (id, version, doc_type, doc_number, name, phone, grid, building, unit, room, address, address_key, tags, added_at, updated_at)
       VALUES (?, 0, 'resident-id', ?, 'x', '', 'G1', '1栋', '1', '101', '', '', '[]', 'now', 'now')`,
    );
    person.run('p1', 'A1');
    person.run('p2', 'B2');
    migrate(db, 16);
    const sampled = () => db.prepare("SELECT sampled FROM roster_counts WHERE dimension = 'grid' AND grid = 'G1'").pluck().get();
    const mark = () => db.prepare('SELECT recounted_to FROM roster_round').pluck().get();
    expect(mark()).toBeNull();
    expect(sampled()).toBe(2);

    // A round without the day: nobody is counted again yet, and the mark starts at the first row.
    db.exec("UPDATE roster_round SET first_day = '2026-12-01', last_day = '2026-12-01'");
    expect(mark()).toBe(0);
    expect(sampled()).toBe(2);
    // The mark passes the first person: only they are counted again.
    const [first, second] = db.prepare('SELECT rowid FROM roster_people ORDER BY rowid').pluck().all() as number[];
    db.prepare('UPDATE roster_round SET recounted_to = ?').run(first);
    expect(sampled()).toBe(1);
    expect(db.prepare("SELECT sampled_at IS NULL FROM roster_people WHERE id = 'p2'").pluck().get()).toBe(0);
    // The round changes again meanwhile: the mark goes back to the first row, and the count starts over.
    db.exec("UPDATE roster_round SET first_day = '2026-11-29', last_day = '2026-11-30'");
    expect(mark()).toBe(0);
    db.prepare('UPDATE roster_round SET recounted_to = ?').run(second);
    expect(sampled()).toBe(2);
    // Done: the mark is NULL, and nothing but a change of days sets it again.
    db.exec('UPDATE roster_round SET recounted_to = NULL');
    db.exec('UPDATE roster_round SET follows_today = 1');
    expect(mark()).toBeNull();
    expect(sampled()).toBe(2);
  });
});
