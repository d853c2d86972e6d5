// Scheduled backups and the free-space warning.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { Core } from '../../src-main/core/core';
import { diskHealth } from '../../src-main/core/maintenance/health';
import { driver } from '../fixtures/driver';
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
