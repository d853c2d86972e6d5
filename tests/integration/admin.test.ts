// Exports, audit verification and backups, through the core's admin API and the headless command.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/core';
import { DATABASE_FILE } from '../../src-main/core/core';
import { launchArguments } from '../../src-main/core/launchArguments';
import { driver, value } from '../fixtures/driver';
import { idNumber, personCode } from '../fixtures/people';
import { openKeyed, passphraseEnv, TEST_PASSPHRASE } from '../fixtures/passphrase';
import { readSnapshot, snapshot, tempCore, tempDir } from '../fixtures/tempCore';

const CLI = path.resolve(__dirname, '../../out/main/cli.js');
const DAY = '2026-11-22';

let core: Core;
let dataDir: string;
let dispose: () => void;
let out: string;

beforeEach(() => {
  ({ core, dataDir, dispose } = tempCore(() => new Date(2026, 10, 22, 9, 30), TEST_PASSPHRASE));
  out = tempDir('swabdesk-out-');
  const d = driver(core, dataDir);
  d.scan('2026112200001');
  d.scan(personCode(0));
  d.scan(`=HYPERLINK("http://x")|${idNumber(1)}|13900000001`);
  d.scan(`@SUM(1)|${idNumber(2)}|13900000002`);
  d.seal();
});

afterEach(() => {
  dispose();
  fs.rmSync(out, { recursive: true, force: true });
});

describe('export', () => {
  it('writes a masked CSV with a BOM, every field quoted, codes as text constants, no name a formula', async () => {
    const file = path.join(out, 'day.csv');
    expect(await core.admin.exportDay({ format: 'csv', day: DAY, out: file, full: false, actor: 'test' })).toBe(3);
    const bytes = fs.readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    for (const line of text.trim().split('\r\n')) expect(line).toMatch(/^".*"$/);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r['管内序号'])).toEqual(['1', '2', '3']);
    expect(rows[0]['证件号码']).toBe(`="${idNumber(0).slice(0, 6)}********${idNumber(0).slice(-4)}"`);
    expect(rows[0]['电话']).toMatch(/^="139\*{4}\d{4}"$/);
    expect(text).not.toContain(idNumber(0));
    // Masking keeps the first character, so the formula guard still has work to do.
    for (const row of rows) expect(row['姓名']).not.toMatch(/^[=+\-@]/);
  });

  it('writes the full values only when asked, and records that in the audit trail', async () => {
    const file = path.join(out, 'day.xlsx');
    expect(await core.admin.exportDay({ format: 'xlsx', day: DAY, out: file, full: true, actor: 'test' })).toBe(3);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.worksheets[0];
    expect(sheet.getRow(2).getCell(5).value).toBe(idNumber(0));
    // A string cell in a text column: no apostrophe needed, and never a formula.
    expect(sheet.getRow(3).getCell(6).value).toBe(`=HYPERLINK("http://x")`);
    for (let r = 2; r <= 4; r++) expect(sheet.getRow(r).getCell(6).formula).toBeUndefined();
    const audit = openKeyed(path.join(dataDir, DATABASE_FILE), { readonly: true });
    expect(audit.prepare('SELECT kind, actor FROM audit ORDER BY seq DESC LIMIT 1').get()).toEqual({ kind: 'export.full', actor: 'test' });
    audit.close();
  });
});

describe('audit verification', () => {
  it('verifies an untouched trail, and finds a changed or deleted row', () => {
    // The first manager made and signed in, a clerk added and signed in at two desks, then a tube opened, three
    // people, the seal.
    expect(core.admin.verifyAudit()).toMatchObject({ ok: true, rows: 10 });
    const tamper = openKeyed(path.join(dataDir, DATABASE_FILE));
    tamper.pragma('foreign_keys = OFF');
    const actor = tamper.prepare('SELECT actor FROM audit WHERE seq = 2').pluck().get();
    tamper.exec("DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'someone else' WHERE seq = 2");
    expect(core.admin.verifyAudit()).toEqual({ ok: false, rows: 1, seq: 2, problem: 'altered' });
    tamper.prepare('UPDATE audit SET actor = ? WHERE seq = 2').run(actor);
    tamper.exec('DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 3');
    expect(core.admin.verifyAudit()).toEqual({ ok: false, rows: 2, seq: 4, problem: 'broken-link' });
    tamper.close();
  });
});

describe('backup', () => {
  it('makes a whole, consistent copy, encrypted with the database key', async () => {
    const file = path.join(out, 'backup.db');
    await core.admin.backup(file);
    const unkeyed = new Database(file, { readonly: true });
    expect(() => unkeyed.prepare('SELECT count(*) FROM registrations').get()).toThrow(/not a database/);
    unkeyed.close();
    const copy = openKeyed(file, { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT count(*) FROM registrations').pluck().get()).toBe(3);
    // Every row of every table, as the station holds them.
    expect(snapshot(copy)).toEqual(readSnapshot(dataDir, TEST_PASSPHRASE));
    copy.close();
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
  });
});

describe('the headless command', () => {
  it('verifies the audit trail, backs up, exports, and explains bad usage', () => {
    // The station may keep running: the command opens the database beside it (WAL lets both in).
    const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args, '--data-dir', dataDir], { encoding: 'utf8', env: passphraseEnv() });
    expect(execFileSync(process.execPath, [CLI, 'verify-audit', '--data-dir', dataDir], { encoding: 'utf8', env: passphraseEnv() })).toMatch(
      /Audit trail verified: 10 rows/,
    );
    expect(cli('backup', '--out', path.join(out, 'b.db')).status).toBe(0);
    const exported = cli('export', '--format', 'csv', '--day', DAY, '--out', path.join(out, 'e.csv'));
    expect(exported.stdout).toMatch(/Exported 3 registrations of 2026-11-22/);
    expect(fs.readFileSync(path.join(out, 'e.csv'), 'utf8')).toContain('"试管条码","管内序号"');
    expect(cli('export', '--format', 'csv', '--day', DAY, '--out', path.join(out, 'en.csv'), '--language', 'en').status).toBe(0);
    expect(fs.readFileSync(path.join(out, 'en.csv'), 'utf8')).toContain('"Tube barcode","Position in tube"');
    expect(cli('export', '--format', 'csv', '--day', DAY, '--out', path.join(out, 'fr.csv'), '--language', 'fr').stderr).toMatch(/--language is zh or en/);
    const bad = cli('export', '--format', 'pdf', '--day', DAY, '--out', path.join(out, 'x'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--format is csv or xlsx/);
    expect(cli('frobnicate').stderr).toMatch(/Unknown command/);
  });

  it('opens the encrypted database only with its passphrase, and says so in one line', () => {
    const run = (env: NodeJS.ProcessEnv) =>
      spawnSync(process.execPath, [CLI, 'verify-audit', '--data-dir', dataDir], { encoding: 'utf8', env, input: '' });
    const withoutPassphrase = { ...process.env };
    delete withoutPassphrase.SWABDESK_PASSPHRASE;
    const without = run(withoutPassphrase);
    expect(without.status).toBe(2);
    expect(without.stderr).toMatch(/encrypted: give its passphrase with --passphrase-file FILE or SWABDESK_PASSPHRASE/);
    const wrong = run({ ...process.env, SWABDESK_PASSPHRASE: 'not-the-passphrase' });
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toMatch(/does not open with this passphrase/);
    const file = path.join(out, 'passphrase.txt');
    fs.writeFileSync(file, `${TEST_PASSPHRASE}\n`);
    const fromFile = spawnSync(process.execPath, [CLI, 'verify-audit', '--data-dir', dataDir, '--passphrase-file', file], { encoding: 'utf8' });
    expect(fromFile.stdout).toMatch(/Audit trail verified/);
  });

  it('adds an operator who can then sign in, and refuses a bad PIN', () => {
    const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args, '--data-dir', dataDir], { encoding: 'utf8', env: passphraseEnv() });
    const added = cli('add-operator', '--name', '王芳', '--role', 'clerk', '--pin', '8642');
    expect(added.status).toBe(0);
    const id = /\(([0-9a-f-]{36})\)/.exec(added.stdout)![1];
    expect(value(core.call({ role: 'clerk', desk: '3' }, 'session.signIn', { operatorId: id, pin: '8642' }))).toMatchObject({
      result: 'signed-in',
    });
    const bad = cli('add-operator', '--name', '李强', '--role', 'clerk', '--pin', '12');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/Not added: pin-format/);
  });
});

describe('the desks a station opens', () => {
  it('are the site setting, unless --desks says otherwise for this launch', () => {
    expect(launchArguments(['--simulate'])).toEqual({ desks: null, simulate: true });
    expect(launchArguments(['--desks', '3']).desks).toBe(3);
    expect(() => launchArguments(['--desks', '5'])).toThrow(/1 to 4/);
    expect(core.admin.desks()).toBe(1);
    value(core.call({ role: 'manager' }, 'site.updateSettings', { desks: 2 }));
    expect(core.admin.desks()).toBe(2);
    expect(core.call({ role: 'manager' }, 'site.updateSettings', { desks: 5 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });
});
