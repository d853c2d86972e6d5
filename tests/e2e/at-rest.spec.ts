// Encryption at rest, checked as an attacker with the disk would: after a person is registered, searched for and
// backed up, their ID number, phone and name are nowhere in the station's files (database, WAL, shared memory,
// backups) nor in what it logged; through the passphrase they are all there.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { filesUnder, occurrencesIn } from '../fixtures/byteSearch';
import { passphraseEnv } from '../fixtures/passphrase';
import { signIn } from './signIn';
import { CLERKS, MANAGER, startStation, type RunningStation } from './station';
import { typeAsScanner } from './typing';

const CLI = path.resolve(__dirname, '../../out/main/cli.js');
const ID_NUMBER = '11010519491231002X';
const PHONE = '13912345678';
const NAME = '张三丰';

let station: RunningStation;

test.beforeEach(async () => {
  station = await startStation();
});

test.afterEach(async () => {
  await station.stop();
});

/** How often each secret occurs in a file's bytes (UTF-8, and the ID's first 17 digits alone). */
const occurrences = (bytes: Buffer) =>
  [ID_NUMBER.slice(0, 17), PHONE, NAME].reduce((sum, secret) => sum + occurrencesIn(bytes, secret), 0);

test("a registered person's ID number, phone and name are in no file of the station and no line of its log", async ({ browser }) => {
  const desk = await browser.newPage();
  await desk.goto(station.urls.clerk);
  await signIn(desk, CLERKS[0]);
  const scan = (text: string) => typeAsScanner(desk, desk.getByTestId('scan'), text);
  await scan('20261123555');
  await scan(`${NAME}|${ID_NUMBER}|${PHONE}`);
  await expect(desk.getByTestId('tube-fill')).toHaveText('1 / 10 人');
  await desk.keyboard.press('F8');
  await expect(desk.getByTestId('result')).toHaveAttribute('data-tone', 'sealed');

  const manager = await browser.newPage();
  await manager.goto(station.urls.manager);
  await signIn(manager, MANAGER);
  await manager.getByTestId('tab-search').click();
  await manager.getByTestId('search-text').fill(ID_NUMBER);
  await manager.getByTestId('search-go').click();
  await expect(manager.getByTestId('search-results')).toContainText(NAME);

  execFileSync(process.execPath, [CLI, 'backup', '--out', path.join(station.dataDir, 'backups', 'manual.db'), '--data-dir', station.dataDir], {
    env: passphraseEnv(),
  });

  // Through the passphrase, the person is there.
  const registrations = station.snapshot().registrations as { doc_number: string; phone: string; name: string }[];
  expect(registrations).toContainEqual(expect.objectContaining({ doc_number: ID_NUMBER, phone: PHONE, name: NAME }));

  const files = filesUnder(station.dataDir);
  const names = files.map((file) => path.relative(station.dataDir, file));
  expect(names).toEqual(expect.arrayContaining(['swabdesk.db', 'swabdesk.db-wal', path.join('backups', 'manual.db')]));
  for (const file of files) expect(occurrences(fs.readFileSync(file)), path.relative(station.dataDir, file)).toBe(0);
  expect(station.log()).not.toBe('');
  expect(occurrences(Buffer.from(station.log(), 'utf8'))).toBe(0);
});
