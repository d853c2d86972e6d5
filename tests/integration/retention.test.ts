// Retention: once the platform has had everything about a person for the site's number of days, the person is
// purged from the database, its WAL and its backups (searched byte by byte), with the trail still verifying; what
// the platform has not acknowledged, or acknowledged too recently, stays.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { ChannelName } from '../../src-main/core/contract';
import { createCore, DATABASE_FILE, type InputArgument } from '../../src-main/core/core';
import { filesUnder, occurrencesIn } from '../fixtures/byteSearch';
import { CLERK, CLERK_PIN, driver, MANAGER, signInManager, value } from '../fixtures/driver';
import { idNumber } from '../fixtures/people';
import { tempDir } from '../fixtures/tempCore';

/** How long the uploader gets to reach what a test waits for, looked at every 25 ms. */
const EVENTUALLY = { timeout: 30_000, interval: 25 };

const DAY = 24 * 60 * 60_000;
const start = new Date('2026-11-01T09:00:00Z').getTime();
let now = start;

/** A platform that stores everything: each fact answered "stored". */
let platform: http.Server;
let platformUrl: string;
beforeAll(async () => {
  platform = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const { facts } = JSON.parse(body) as { facts: { factId: string }[] };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ results: facts.map((fact) => ({ factId: fact.factId, status: 'stored' })) }));
    });
  });
  await new Promise<void>((resolve) => platform.listen(0, '127.0.0.1', resolve));
  platformUrl = `http://127.0.0.1:${(platform.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => platform.close(() => resolve())));

const person = (index: number, name: string, phone: string) => ({ id: idNumber(index), name, phone, code: `${name}|${idNumber(index)}|${phone}` });
const PURGED = person(40, '欧阳修', '13911112222');
const NEIGHBOUR = person(41, '司马光', '13933334444');
const RECENT = person(42, '王安石', '13955556666');
const UNSENT = person(43, '苏东坡', '13977778888');
const OLD_PHONE = '13900009999';

/** Each file under `dir` that holds `text`, with how often. */
function occurrences(dir: string, text: string): Record<string, number> {
  const found = filesUnder(dir).map((file) => [path.relative(dir, file), occurrencesIn(fs.readFileSync(file), text)] as const);
  return Object.fromEntries(found.filter(([, count]) => count > 0));
}

it('purges people the platform has had for the retention period from every file, and keeps the rest', async () => {
  // Unencrypted here, so that the bytes on disk can be searched: secure_delete and the emptied WAL are what is tested.
  const dataDir = tempDir('swabdesk-retention-');
  const backups = path.join(dataDir, 'backups');
  const core = createCore({ dataDir, clock: () => new Date(now), upload: { timeoutMs: 2000 } });
  const desk = driver(core, dataDir);
  const manager = <C extends ChannelName>(channel: C, ...input: InputArgument<C>) => desk.call(MANAGER, channel, ...input);
  // Days pass between the steps: the desk and the manager have locked themselves by then and sign in again.
  const later = (days: number) => {
    now = start + days * DAY;
    signInManager(core);
    const { operators } = value(core.call(CLERK, 'session.state'));
    value(core.call(CLERK, 'session.signIn', { operatorId: operators.find((o) => o.name === '测试登记员')!.id, pin: CLERK_PIN }));
  };
  const drained = () => vi.waitFor(
    () => expect((manager('station.backlog') as { count: number }).count === 0, 'the backlog to drain').toBe(true),
    EVENTUALLY,
  );

  manager('site.updateSettings', { retentionDays: 30 });
  manager('site.saveUploadSettings', { endpoint: platformUrl, batchSize: 50, intervalSeconds: 1 });
  desk.scan('20261101001');
  desk.scan(PURGED.code.replace(PURGED.phone, OLD_PHONE));
  desk.scan(NEIGHBOUR.code);
  desk.seal();
  const [purgedRow] = (desk.tables().registrations as { id: string; doc_number: string }[]).filter((r) => r.doc_number === PURGED.id);
  // A correction keeps the old phone in the trail's private part.
  expect(manager('site.correctPerson', { registrationId: purgedRow.id, phone: PURGED.phone, reason: 'wrong number given' })).toMatchObject({
    result: 'corrected',
  });
  core.uploader.start();
  await drained();
  await core.admin.backup(path.join(backups, 'swabdesk-2026-11-01.db'));

  later(25);
  desk.scan('20261126001');
  desk.scan(RECENT.code);
  desk.seal();
  await drained();
  await core.uploader.stop();
  // Recorded while uploading is stopped: never acknowledged.
  desk.scan('20261126002');
  desk.scan(UNSENT.code);
  desk.seal();
  const peopleOnFirstDay = (manager('site.totals') as { peopleToday: number }).peopleToday;

  expect(occurrences(dataDir, PURGED.id)).not.toEqual({});
  expect(occurrences(dataDir, OLD_PHONE)).not.toEqual({});

  later(31);
  expect(await core.admin.purge(backups, 'test')).toBe(2);

  for (const gone of [PURGED.id, PURGED.phone, OLD_PHONE, PURGED.name, NEIGHBOUR.id, NEIGHBOUR.phone]) {
    expect(occurrences(dataDir, gone), gone).toEqual({});
  }
  for (const kept of [RECENT.id, UNSENT.id]) expect(Object.keys(occurrences(dataDir, kept)), kept).toContain(DATABASE_FILE);
  expect(fs.readdirSync(backups)).toHaveLength(1);
  expect(core.admin.verifyAudit()).toMatchObject({ ok: true });
  // The day's counts stay as they were counted.
  expect(peopleOnFirstDay).toBeGreaterThan(0);
  const remaining = (desk.tables().registrations as { doc_number: string }[]).map((r) => r.doc_number).sort();
  expect(remaining).toEqual([RECENT.id, UNSENT.id].sort());
  expect(desk.tables().audit.filter((row) => (row as { kind: string }).kind === 'retention.purged')).toHaveLength(1);
  // Nothing more is due: a second purge finds nothing.
  expect(await core.admin.purge(backups, 'test')).toBe(0);
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});
