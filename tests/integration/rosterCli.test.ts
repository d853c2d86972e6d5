// The roster's headless commands on an encrypted station: `roster import` (a dry run, then for real, with the
// refused rows listed) and `coverage` of a day into a file, checked against counts made here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/core';
import { DATABASE_FILE } from '../../src-main/core/core';
import { driver } from '../fixtures/driver';
import { openKeyed, passphraseEnv, TEST_PASSPHRASE } from '../fixtures/passphrase';
import { rosterCode, rosterEntry, rosterXlsx } from '../fixtures/rosterFile';
import { tempCore, tempDir } from '../fixtures/tempCore';

const CLI = path.resolve(__dirname, '../../out/main/cli.js');
const DAY = '2026-11-22';

let core: Core;
let dataDir: string;
let dispose: () => void;
let out: string;

beforeEach(() => {
  ({ core, dataDir, dispose } = tempCore(() => new Date(2026, 10, 22, 9, 30), TEST_PASSPHRASE));
  out = tempDir('swabdesk-roster-cli-');
});
afterEach(() => {
  dispose();
  fs.rmSync(out, { recursive: true, force: true });
});

const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args, '--data-dir', dataDir], { encoding: 'utf8', env: passphraseEnv() });

function rosterCount(): number {
  const db = openKeyed(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM roster_people').pluck().get() as number;
  } finally {
    db.close();
  }
}

it('imports a ledger after a dry run that lists its refused rows, and writes the coverage of a day', async () => {
  const entries = Array.from({ length: 10 }, (_, i) => rosterEntry(i, 2));
  // Row 13: a number whose last character was mistyped.
  const broken = { ...rosterEntry(10, 2), id: `${rosterEntry(10, 2).id.slice(0, 17)}${rosterEntry(10, 2).id.endsWith('1') ? '2' : '1'}` };
  const file = path.join(out, '幸福社区台账.xlsx');
  fs.writeFileSync(file, await rosterXlsx([...entries, broken], [['幸福社区核酸检测台账']]));

  const dry = cli('roster', 'import', '--file', file, '--dry-run');
  expect(dry.status).toBe(0);
  expect(dry.stdout).toContain('11 rows, 10 good, 1 refused');
  expect(dry.stdout).toMatch(/row 13, 身份证号码: The last character \(check digit\) of the ID number is wrong/);
  expect(dry.stdout).toContain('Dry run: would add 10');
  expect(rosterCount()).toBe(0);

  const real = cli('roster', 'import', '--file', file);
  expect(real.status).toBe(0);
  expect(real.stdout).toContain('Imported: 10 added, 0 updated, 0 unchanged.');
  expect(rosterCount()).toBe(10);

  // Three of them come on the day, in grid 1 (even indexes) two and grid 2 one.
  const d = driver(core, dataDir);
  d.scan('2026112200001');
  for (const index of [0, 2, 3]) d.scan(rosterCode(rosterEntry(index)));

  const covered = path.join(out, 'coverage.csv');
  const written = cli('coverage', '--day', DAY, '--out', covered, '--format', 'csv');
  expect(written.status).toBe(0);
  const rows = parse(fs.readFileSync(covered, 'utf8').slice(1), { columns: true }) as Record<string, string>[];
  const row = (dimension: string, grid = '') => rows.find((r) => r['统计'] === dimension && r['网格'] === grid)!;
  expect(row('合计')).toMatchObject({ 名单人数: '10', 已检: '3', 未检: '7', 覆盖率: '30.0%' });
  expect(row('按网格', '第1网格')).toMatchObject({ 名单人数: '5', 已检: '2', 未检: '3' });
  expect(row('按网格', '第2网格')).toMatchObject({ 名单人数: '5', 已检: '1', 未检: '4' });
});

it('refuses a mapping file that is not a mapping, and a ledger that is not there, changing nothing', () => {
  const map = path.join(out, 'map.json');
  fs.writeFileSync(map, JSON.stringify({ name: 'A', surname: 1 }));
  fs.writeFileSync(path.join(out, 'empty.csv'), '');
  const wrongMap = cli('roster', 'import', '--file', path.join(out, 'empty.csv'), '--map', map);
  expect(wrongMap.status).toBe(2);
  expect(wrongMap.stderr).toContain('is not a mapping');
  const missing = cli('roster', 'import', '--file', path.join(out, 'nowhere.xlsx'));
  expect(missing.status).toBe(2);
  expect(missing.stderr).toContain('There is no file');
  expect(rosterCount()).toBe(0);
});
