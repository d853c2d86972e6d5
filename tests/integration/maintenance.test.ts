// Scheduled backups and the free-space warning.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Core } from '../../src-main/core/core';
import { verifyAudit } from '../../src-main/core/facts/audit';
import { diskHealth } from '../../src-main/core/maintenance/health';
import { driver } from '../fixtures/driver';
import { checkCharacter } from '../../src-main/core/domain/residentId';
import { personCode } from '../fixtures/people';
import { tempCore } from '../fixtures/tempCore';

let core: Core;
let dataDir: string;
let dispose: () => void;

beforeEach(() => {
  ({ core, dataDir, dispose } = tempCore());
});
afterEach(() => dispose());

it('backs up on a schedule, keeping only the newest copies, each of them whole', async () => {
  const d = driver(core, dataDir);
  d.scan('2026112200001');
  d.scan(personCode(0));
  const dir = path.join(dataDir, 'backups');
  const stop = core.admin.scheduleBackups(dir, 40, 2);
  // Each backup has a name of its own (its time): wait until a third was written, so one was rotated out.
  const seen = new Set<string>();
  await vi.waitFor(
    () => {
      if (fs.existsSync(dir)) for (const file of fs.readdirSync(dir)) if (file.endsWith('.db')) seen.add(file);
      expect(seen.size).toBeGreaterThanOrEqual(3);
    },
    { timeout: 20_000, interval: 10 },
  );
  stop();
  // A backup the schedule started may still be writing: let the worker finish it before the files are counted.
  await core.admin.stopBackgroundWork();
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.db'));
  expect(files).toHaveLength(2);
  for (const file of files) {
    const copy = new Database(path.join(dir, file), { readonly: true });
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.prepare('SELECT count(*) FROM registrations').pluck().get()).toBe(1);
    copy.close();
  }
});

it('reports free space and warns below the threshold', () => {
  const health = diskHealth(dataDir);
  expect(health.freeBytes).toBeGreaterThan(0);
  expect(diskHealth(dataDir, health.freeBytes * 2).lowDisk).toBe(true);
  expect(diskHealth(dataDir, 1).lowDisk).toBe(false);
  expect(core.call({ role: 'clerk', desk: '1' }, 'station.health', {})).toMatchObject({ ok: true, value: { freeBytes: expect.any(Number) } });
});

/** One of many made-up people: a valid resident ID number for each n below 20,000,000. */
function manyPeople(n: number): string {
  const birth = new Date(Date.UTC(1950, 0, 1 + (n % 20_000)));
  const first17 = `110101${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(Math.floor(n / 20_000)).padStart(3, '0')}`;
  return `测试|${first17}${checkCharacter(first17)}|13800000000`;
}

it('takes a whole backup of one moment while a desk goes on scanning', async () => {
  const d = driver(core, dataDir);
  // Enough rows that the copy takes many slices, with the desk's commits landing between them.
  for (let tube = 0; tube < 150; tube++) {
    d.scan(String(2026112200000 + tube));
    for (let i = 0; i < 10; i++) d.scan(manyPeople(tube * 10 + i));
  }
  const file = path.join(dataDir, 'during.db');
  let done = false;
  const backup = core.admin.backup(file).finally(() => (done = true));
  let scannedDuring = 0;
  for (let n = 0; !done; n++) {
    if (n % 10 === 0) d.scan(String(2026112300000 + n / 10));
    d.scan(manyPeople(5000 + n));
    scannedDuring++;
    await new Promise((resolve) => setImmediate(resolve));
  }
  await backup;
  expect(scannedDuring).toBeGreaterThan(0);
  const copy = new Database(file, { readonly: true });
  try {
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    // One moment: each registration there has its fact in the trail and in the outbox, and the trail is whole.
    const count = (sql: string) => copy.prepare(sql).pluck().get() as number;
    const registrations = count('SELECT count(*) FROM registrations');
    expect(registrations).toBeGreaterThanOrEqual(1500);
    expect(count("SELECT count(*) FROM audit WHERE kind = 'person.added'")).toBe(registrations);
    expect(count("SELECT count(*) FROM outbox WHERE kind = 'person.added'")).toBe(registrations);
    expect(verifyAudit(copy)).toMatchObject({ ok: true });
  } finally {
    copy.close();
  }
});
