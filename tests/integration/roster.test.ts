// The community's roster through the core: a ledger read into a preview, imported all at once (again, without
// duplicates), every registration counted at once against it, excuses, the not-yet list by address, the round, and
// files that are no spreadsheet. The roster never reaches the outbox.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCore, DATABASE_FILE, type Core } from '../../src-main/core/core';
import type { PushedEvent } from '../../src-main/core/contract';
import { filesUnder, occurrencesIn } from '../fixtures/byteSearch';
import { MANAGER, driver, signInManager, value } from '../fixtures/driver';
import { personCode } from '../fixtures/people';
import { fetchMade, openLedger, openRoster, rosterCode, rosterEntry, rosterXlsx, type RosterEntry } from '../fixtures/rosterFile';
import { tempCore } from '../fixtures/tempCore';
import { localDay } from '../../src-main/core/clock';

const DAY_MS = 24 * 60 * 60_000;

let station: ReturnType<typeof tempCore>;
let core: Core;
let d: ReturnType<typeof driver>;

beforeEach(() => {
  station = tempCore();
  core = station.core;
  d = driver(core, station.dataDir);
  signInManager(core);
});
afterEach(() => station.dispose());

const people = (count: number, from = 0): RosterEntry[] => Array.from({ length: count }, (_, i) => rosterEntry(from + i));

async function importRoster(entries: readonly RosterEntry[]) {
  const preview = value(await openRoster(core, entries));
  return { preview, imported: value(await core.callAsync(MANAGER, 'roster.import', { fileId: preview.fileId })) };
}

function readDb<T>(read: (db: Database.Database) => T): T {
  const db = new Database(path.join(station.dataDir, DATABASE_FILE), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const coverage = () => value(core.call(MANAGER, 'roster.coverage'));
/** How long the worker gets to count a roster again, looked at every 20 ms. */
const EVENTUALLY = { timeout: 20_000, interval: 20 };
/** Until the worker has counted the roster again for the round. */
const recounted = () => vi.waitFor(() => expect(coverage().recounting).toBeNull(), EVENTUALLY);

describe('importing a roster', () => {
  it('previews, imports in one go, and imports again by document number without duplicates', async () => {
    const { preview, imported } = await importRoster(people(12));
    expect(preview).toMatchObject({ rows: 12, good: 12, added: 12, updated: 0, unchanged: 0, refusedCount: 0, missing: [] });
    expect(preview.sample[0].name).toBe('居*0');
    expect(imported).toEqual({ added: 12, updated: 0, unchanged: 0, refused: 0 });
    expect(coverage().total).toEqual({ onRoster: 12, sampled: 0, excused: 0, notYet: 12, rate: 0 });
    expect(coverage().grids.map((grid) => [grid.grid, grid.onRoster])).toEqual([
      ['第1网格', 4],
      ['第2网格', 4],
      ['第3网格', 4],
    ]);

    // A moved person and two new ones: the roster follows, nobody twice.
    const again = people(14);
    again[3] = { ...again[3], building: '99栋', room: '901' };
    const second = await importRoster(again);
    expect(second.preview).toMatchObject({ added: 2, updated: 1, unchanged: 11 });
    expect(second.imported).toEqual({ added: 2, updated: 1, unchanged: 11, refused: 0 });
    expect(readDb((db) => db.prepare('SELECT count(*) FROM roster_people').pluck().get())).toBe(14);
    expect(readDb((db) => db.prepare("SELECT building FROM roster_people WHERE name = '居民3'").pluck().get())).toBe('99栋');
    // The roster stays on this PC: its facts are in the trail, none in the outbox.
    expect(readDb((db) => db.prepare("SELECT count(*) FROM audit WHERE kind = 'roster.imported'").pluck().get())).toBe(2);
    expect(readDb((db) => db.prepare("SELECT count(*) FROM outbox WHERE kind LIKE 'roster.%'").pluck().get())).toBe(0);
  });

  it("lists a ledger's refused rows and makes them a file for the grid worker, in its language", async () => {
    const entries = people(3);
    const preview = value(await openRoster(core, [...entries, { ...rosterEntry(3), id: '3.50181E+17' }]));
    expect(preview).toMatchObject({ good: 3, refusedCount: 1, refused: [{ row: 5, column: '身份证号码', field: 'idNumber', problem: 'id-rounded' }] });
    const zh = value(await core.callAsync(MANAGER, 'roster.refusedRows', { fileId: preview.fileId, format: 'csv' }));
    expect(zh).toMatchObject({ fileName: '未导入的行.csv', rows: 1 });
    expect(fetchMade(core, zh).toString('utf8')).toMatch(/"5","身份证号码","证件号码被 Excel 存成了数字/);
    const en = value(await core.callAsync(MANAGER, 'roster.refusedRows', { fileId: preview.fileId, format: 'xlsx', language: 'en' }));
    expect(en.fileName).toBe('rows-not-imported.xlsx');
    // The good rows still import; the refused one is counted.
    expect(value(await core.callAsync(MANAGER, 'roster.import', { fileId: preview.fileId }))).toEqual({ added: 3, updated: 0, unchanged: 0, refused: 1 });
  });

  it('takes a file only in parts sent in order, and opens only what was sent', async () => {
    const fileId = crypto.randomUUID();
    const bytes = await rosterXlsx(people(3));
    expect(core.call(MANAGER, 'roster.filePart', { fileId, part: 1, base64: bytes.toString('base64').slice(0, 400) })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', issues: [{ path: ['part'], problem: 'ledger-gone' }] },
    });
    expect(await core.callAsync(MANAGER, 'roster.open', { fileId, fileName: 'x.xlsx' })).toMatchObject({
      ok: false,
      error: { issues: [{ path: ['fileId'], problem: 'ledger-gone' }] },
    });
    expect(core.call(MANAGER, 'roster.filePart', { fileId, part: 0, base64: 'not base64!' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('refuses a file that is not a spreadsheet beside the file, and stores nothing', async () => {
    const answer = await openLedger(core, Buffer.from('%PDF-1.4 not a ledger'), 'scan.pdf');
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input', issues: [{ path: ['fileId'], problem: 'not-a-spreadsheet' }] } });
    expect(coverage().total.onRoster).toBe(0);
  });

  it('tells how far a reading has come, and a cancel leaves nothing and forgets the file', async () => {
    const progress: PushedEvent[] = [];
    let cancelled = false;
    core.subscribe(MANAGER, (event) => {
      if (event.event !== 'roster.progress') return;
      progress.push(event);
      if (!cancelled && event.payload.phase === 'checking') {
        cancelled = true;
        value(core.call(MANAGER, 'roster.cancel', { fileId: event.payload.fileId }));
      }
    });
    const answer = await openRoster(core, people(5000));
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-input', issues: [{ problem: 'ledger-gone' }] } });
    expect(progress.length).toBeGreaterThan(0);
    expect(coverage().total.onRoster).toBe(0);
    const fileId = (progress[0] as Extract<PushedEvent, { event: 'roster.progress' }>).payload.fileId;
    expect(await core.callAsync(MANAGER, 'roster.import', { fileId })).toMatchObject({ ok: false, error: { issues: [{ problem: 'ledger-gone' }] } });
  });
});

describe('an import that fails', () => {
  it('leaves the roster as it was when a row fails in the middle of the import', async () => {
    await importRoster(people(5));
    const [excused] = value(core.call(MANAGER, 'roster.notYet', {})).people;
    value(core.call(MANAGER, 'roster.excuse', { personId: excused.id, reason: 'away' }));
    const before = readDb((db) => db.prepare('SELECT * FROM roster_people ORDER BY rowid').all());

    // The new ledger moves everyone; a fault of the test's own refuses its 250th person, past the first of the
    // import's transactions.
    const entries = people(300).map((entry) => ({ ...entry, room: '999' }));
    const preview = value(await openRoster(core, entries));
    const db = new Database(path.join(station.dataDir, DATABASE_FILE));
    db.exec(`CREATE TRIGGER test_fault BEFORE INSERT ON roster_people WHEN NEW.doc_number = '${entries[249].id}' BEGIN SELECT RAISE(ABORT, 'fault'); END`);
    db.close();
    const answer = await core.callAsync(MANAGER, 'roster.import', { fileId: preview.fileId });
    expect(answer).toMatchObject({ ok: false, error: { code: 'not-saved' } });
    expect(readDb((db) => db.prepare('SELECT * FROM roster_people ORDER BY rowid').all())).toEqual(before);
    expect(readDb((db) => db.prepare("SELECT count(*) FROM audit WHERE kind = 'roster.imported'").pluck().get())).toBe(1);
    expect(coverage().total).toEqual({ onRoster: 5, sampled: 0, excused: 1, notYet: 4, rate: 0 });
  });

  it('carries over the people a new ledger does not list, and their excuses', async () => {
    await importRoster(people(4));
    const listed = value(core.call(MANAGER, 'roster.notYet', {})).people;
    const third = listed.find((person) => person.name === '居*2')!;
    value(core.call(MANAGER, 'roster.excuse', { personId: third.id, reason: 'hospital' }));
    const { imported } = await importRoster([rosterEntry(2), rosterEntry(9)]);
    expect(imported).toEqual({ added: 1, updated: 0, unchanged: 1, refused: 0 });
    expect(coverage().total).toMatchObject({ onRoster: 5, excused: 1 });
    const after = value(core.call(MANAGER, 'roster.notYet', { includeExcused: true })).people;
    expect(after.find((person) => person.id === third.id)?.excused).toMatchObject({ reason: 'hospital' });
    // One version of the roster is left once an import is shown.
    expect(readDb((db) => db.prepare('SELECT DISTINCT version FROM roster_people').pluck().all())).toEqual([2]);
  });
});

describe('retention', () => {
  it("purges the roster once the site's retention period has passed since its last round", async () => {
    await importRoster(people(5));
    const [first] = value(core.call(MANAGER, 'roster.notYet', {})).people;
    value(core.call(MANAGER, 'roster.excuse', { personId: first.id, reason: 'other', note: '在外地出差' }));
    value(core.call(MANAGER, 'site.updateSettings', { retentionDays: 7 }));
    // A round of last week is kept; one older than the period goes.
    value(core.call(MANAGER, 'roster.setRound', { firstDay: localDay(new Date(Date.now() - 5 * DAY_MS)), lastDay: localDay(new Date(Date.now() - 5 * DAY_MS)) }));
    expect(await core.admin.purge(null, 'test')).toBe(0);
    expect(coverage().total.onRoster).toBe(5);
    value(core.call(MANAGER, 'roster.setRound', { firstDay: '2026-01-01', lastDay: '2026-01-02' }));
    expect(await core.admin.purge(null, 'test')).toBe(5);
    expect(readDb((db) => db.prepare('SELECT count(*) FROM roster_people').pluck().get())).toBe(0);
    expect(coverage().total.onRoster).toBe(0);
    // The excuse's words went with the person; the trail still says an excuse was made.
    expect(readDb((db) => db.prepare("SELECT count(*) FROM audit WHERE kind = 'roster.excused'").pluck().get())).toBe(1);
    expect(readDb((db) => db.prepare("SELECT count(*) FROM audit_private p JOIN audit a USING (fact_id) WHERE a.kind = 'roster.excused'").pluck().get())).toBe(0);
    expect(core.admin.verifyAudit()).toMatchObject({ ok: true });
    // Gone from every file too (this station is not encrypted, so its bytes can be searched): the database, its WAL.
    const files = filesUnder(station.dataDir);
    for (const secret of [...people(5).map((entry) => entry.id), '在外地出差']) {
      expect(files.filter((file) => occurrencesIn(fs.readFileSync(file), secret) > 0).map((file) => path.basename(file)), secret).toEqual([]);
    }
  });
});

describe('coverage', () => {
  it('counts each registration of a roster person at once, visitors apart, and follows a void', async () => {
    const entries = people(6);
    await importRoster(entries);
    d.scan('2026112200001');
    for (const index of [0, 1]) d.scan(rosterCode(rosterEntry(index)));
    // personCode(40) is nobody of this roster: a visitor.
    d.scan(personCode(40));
    expect(coverage()).toMatchObject({ total: { onRoster: 6, sampled: 2, notYet: 4 }, visitors: 1 });
    expect(coverage().total.rate).toBeCloseTo(2 / 6);
    expect(coverage().hours.reduce((sum, hour) => sum + hour.sampled, 0)).toBe(2);

    const registrationId = readDb((db) =>
      db.prepare('SELECT id FROM registrations WHERE doc_number = ?').pluck().get(entries[0].id),
    ) as string;
    d.seal();
    expect(value(core.call(MANAGER, 'site.voidRegistration', { registrationId, reason: '扫错了人' }))).toEqual({ result: 'voided' });
    expect(coverage().total).toMatchObject({ sampled: 1, notYet: 5 });
  });

  it('pushes the coverage to the manager window after a scan', async () => {
    await importRoster(people(3));
    const pushed = new Promise<PushedEvent>((resolve) =>
      core.subscribe(MANAGER, (event) => {
        if (event.event === 'roster.coverage' && event.payload.total.sampled === 1) resolve(event);
      }),
    );
    d.scan('2026112200001');
    d.scan(rosterCode(rosterEntry(2)));
    expect((await pushed).event).toBe('roster.coverage');
  });

  it('follows the calendar when the round is today, and keeps a round the manager set', () => {
    let now = new Date(2026, 10, 22, 23, 50);
    const night = tempCore(() => now);
    try {
      signInManager(night.core);
      expect(value(night.core.call(MANAGER, 'roster.coverage')).round).toEqual({ firstDay: '2026-11-22', lastDay: '2026-11-22' });
      now = new Date(2026, 10, 23, 0, 10);
      // Twenty minutes on, the window locked itself: the manager signs in again.
      signInManager(night.core);
      expect(value(night.core.call(MANAGER, 'roster.coverage')).round).toEqual({ firstDay: '2026-11-23', lastDay: '2026-11-23' });
      // Nobody on the roster: the new day is counted at once, without the background worker.
      expect(value(night.core.call(MANAGER, 'roster.coverage')).recounting).toBeNull();
      value(night.core.call(MANAGER, 'roster.setRound', { firstDay: '2026-11-20', lastDay: '2026-11-23' }));
      now = new Date(2026, 10, 24, 8, 0);
      signInManager(night.core);
      expect(value(night.core.call(MANAGER, 'roster.coverage')).round).toEqual({ firstDay: '2026-11-20', lastDay: '2026-11-23' });
    } finally {
      night.dispose();
    }
  });

  it('counts only the days of the round, and refuses a round that ends before it begins', async () => {
    await importRoster(people(3));
    d.scan('2026112200001');
    d.scan(rosterCode(rosterEntry(0)));
    expect(coverage().total.sampled).toBe(1);
    const backwards = core.call(MANAGER, 'roster.setRound', { firstDay: '2026-12-05', lastDay: '2026-12-01' });
    expect(backwards).toMatchObject({ ok: false, error: { code: 'invalid-input', issues: [{ path: ['lastDay'], problem: 'round-backwards' }] } });
    const elsewhere = value(core.call(MANAGER, 'roster.setRound', { firstDay: '2020-01-01', lastDay: '2020-01-02' }));
    expect(elsewhere.round).toEqual({ firstDay: '2020-01-01', lastDay: '2020-01-02' });
    // The roster is counted again for the round in the background worker; the coverage says so until it is done.
    await recounted();
    expect(coverage().total.sampled).toBe(0);
  });

  it('counts a new round in the background, the last of two changes, and pushes the coverage once it is done', async () => {
    const entries = people(120);
    await importRoster(entries);
    d.scan('2026112200001');
    for (const index of [0, 1, 2]) d.scan(rosterCode(entries[index]));
    expect(coverage().total.sampled).toBe(3);
    const pushes: PushedEvent[] = [];
    core.subscribe(MANAGER, (event) => pushes.push(event));
    // Two changes one after the other: the second starts the count over, and the last round is what is counted.
    value(core.call(MANAGER, 'roster.setRound', { firstDay: '2020-01-01', lastDay: '2020-01-02' }));
    value(core.call(MANAGER, 'roster.setRound', { firstDay: localDay(new Date()), lastDay: localDay(new Date()) }));
    await recounted();
    expect(coverage().total).toMatchObject({ onRoster: 120, sampled: 3 });
    await vi.waitFor(() => expect(pushes.some((pushed) => pushed.event === 'roster.coverage' && pushed.payload.recounting === null)).toBe(true), EVENTUALLY);
  });

  it('carries on counting a new round when a station stopped midway starts again', async () => {
    await importRoster(people(3));
    d.scan('2026112200001');
    d.scan(rosterCode(rosterEntry(0)));
    expect(coverage().total.sampled).toBe(1);
    core.close();
    // Stopped as the round changed: the mark is at the first row, the counts still the old round's.
    const db = new Database(path.join(station.dataDir, DATABASE_FILE));
    db.exec("UPDATE roster_round SET first_day = '2020-01-01', last_day = '2020-01-02', follows_today = 0");
    expect(db.prepare('SELECT recounted_to FROM roster_round').pluck().get()).toBe(0);
    db.close();
    const again = createCore({ dataDir: station.dataDir });
    try {
      signInManager(again);
      await vi.waitFor(() => expect(value(again.call(MANAGER, 'roster.coverage')).recounting).toBeNull(), EVENTUALLY);
      expect(value(again.call(MANAGER, 'roster.coverage')).total).toMatchObject({ onRoster: 3, sampled: 0 });
    } finally {
      again.close();
    }
  });
});

describe('sending coverage to the platform', () => {
  it('uploads counts per grid and building only when switched on, and only when they moved', async () => {
    const entries = people(6);
    await importRoster(entries);
    const outbox = () =>
      readDb((db) => db.prepare("SELECT payload FROM outbox WHERE kind = 'coverage.counted' ORDER BY seq").pluck().all() as string[]);
    expect(core.admin.reportCoverage()).toBe(false);
    expect(outbox()).toEqual([]);

    value(core.call(MANAGER, 'site.updateSettings', { sendCoverage: true }));
    d.scan('2026112200001');
    d.scan(rosterCode(rosterEntry(0)));
    expect(core.admin.reportCoverage()).toBe(true);
    expect(core.admin.reportCoverage()).toBe(false);
    const [sent] = outbox();
    const payload = JSON.parse(sent) as { total: object; grids: object[]; buildings: object[] };
    expect(payload.total).toEqual({ onRoster: 6, sampled: 1, excused: 0, notYet: 5 });
    expect(payload.grids).toHaveLength(3);
    expect(payload.buildings.length).toBeGreaterThan(0);
    // Nobody of the roster, nor the groups people are in, ever leaves the station.
    for (const entry of entries) {
      expect(sent).not.toContain(entry.id);
      expect(sent).not.toContain(entry.name);
    }
    expect(sent).not.toContain('60岁以上');

    d.scan(rosterCode(rosterEntry(1)));
    expect(core.admin.reportCoverage()).toBe(true);
    expect(outbox()).toHaveLength(2);
  });
});

describe('the not-yet list', () => {
  it('lists who has not come by address, masked unless asked in full (which is in the trail)', async () => {
    await importRoster(people(9));
    d.scan('2026112200001');
    d.scan(rosterCode(rosterEntry(0)));
    const page = value(core.call(MANAGER, 'roster.notYet', { filter: { grid: '第1网格' } }));
    // Grid 1 holds people 0, 3 and 6; person 0 came. Building 6栋 before 10栋: digits sort as numbers.
    expect(page.total).toBe(2);
    expect(page.people.map((person) => [person.building, person.name])).toEqual([
      ['6栋', '居*3'],
      ['10栋', '居*6'],
    ]);
    expect(page.people[0].docNumber).toMatch(/^\d{6}\*+\d{3}[\dX]$/);
    expect(readDb((db) => db.prepare("SELECT count(*) FROM audit WHERE kind = 'roster.listedInFull'").pluck().get())).toBe(0);
    const full = value(core.call(MANAGER, 'roster.notYet', { filter: { grid: '第1网格' }, full: true }));
    expect(full.people[0].name).toBe('居民3');
    expect(readDb((db) => db.prepare("SELECT count(*) FROM audit WHERE kind = 'roster.listedInFull'").pluck().get())).toBe(1);
  });

  it('excuses a person with a reason, undoes it, and refuses an excuse of "other" without words', async () => {
    await importRoster(people(3));
    const [first] = value(core.call(MANAGER, 'roster.notYet', {})).people;
    const other = core.call(MANAGER, 'roster.excuse', { personId: first.id, reason: 'other', note: ' ' });
    expect(other).toMatchObject({ ok: false, error: { issues: [{ path: ['note'], problem: 'reason-needed' }] } });
    const excused = value(core.call(MANAGER, 'roster.excuse', { personId: first.id, reason: 'hospital' }));
    expect(excused.excused).toMatchObject({ reason: 'hospital', by: expect.any(String) });
    expect(coverage().total).toMatchObject({ excused: 1, notYet: 2 });
    expect(value(core.call(MANAGER, 'roster.notYet', {})).total).toBe(2);
    expect(value(core.call(MANAGER, 'roster.notYet', { includeExcused: true })).total).toBe(3);
    expect(value(core.call(MANAGER, 'roster.unexcuse', { personId: first.id })).excused).toBeNull();
    expect(coverage().total).toMatchObject({ excused: 0, notYet: 3 });
    const unknown = core.call(MANAGER, 'roster.excuse', { personId: crypto.randomUUID(), reason: 'away' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid-input', issues: [{ path: ['personId'], problem: 'not-on-roster' }] } });
    expect(readDb((db) => db.prepare("SELECT kind FROM audit WHERE kind LIKE 'roster.%excused' ORDER BY seq").pluck().all())).toEqual([
      'roster.excused',
      'roster.unexcused',
    ]);
  });

  it('takes a person off the roster only with a reason', async () => {
    await importRoster(people(2));
    const [first] = value(core.call(MANAGER, 'roster.notYet', {})).people;
    expect(core.call(MANAGER, 'roster.remove', { personId: first.id, reason: '' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(value(core.call(MANAGER, 'roster.remove', { personId: first.id, reason: '已搬离本社区' }))).toEqual({ removed: true });
    expect(coverage().total.onRoster).toBe(1);
  });

  it('makes the list a spreadsheet file', async () => {
    await importRoster(people(4));
    const file = value(await core.callAsync(MANAGER, 'roster.notYetFile', { format: 'csv' }));
    const text = fetchMade(core, file).toString('utf8');
    expect(text.trim().split('\r\n')).toHaveLength(5);
    expect(text).toContain('居*1');
    expect(file.fileName).toBe('未检名单-脱敏.csv');
  });
});

