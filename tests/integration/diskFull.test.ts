// A full disk: the scan is refused with a clear message, nothing is half-written, and saving resumes once there
// is room again. The database's size cap (SQLite max_page_count) stands in for the disk filling up.
import Database from 'better-sqlite3-multiple-ciphers';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createCore, DATABASE_FILE, type Core } from '../../src-main/core/core';
import { CLERK, signIn } from '../fixtures/driver';
import { personCode } from '../fixtures/people';
import { readSnapshot, tempDir } from '../fixtures/tempCore';
import fs from 'node:fs';

let dataDir: string;
let core: Core;

beforeEach(() => {
  dataDir = tempDir('swabdesk-full-');
  createCore({ dataDir }).close();
  const pages = new Database(path.join(dataDir, DATABASE_FILE)).pragma('page_count', { simple: true }) as number;
  // Room for a few scans only.
  core = createCore({ dataDir, maxPages: pages + 3 });
  signIn(core, [CLERK]);
});

afterEach(() => {
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** One scan of the loop: a new tube when none is open, else the next person. */
function nextScan(i: number): string {
  const state = core.call(CLERK, 'clerk.deskState', {}) as { ok: true; value: { tube: unknown } };
  return state.value.tube ? personCode(i) : `20261122${String(i).padStart(5, '0')}`;
}

it('refuses with "disk full", stores nothing partial, stays intact, and resumes when space is freed', () => {
  let refused: ReturnType<Core['call']> | undefined;
  let text = '';
  for (let i = 0; i < 500 && !refused; i++) {
    const before = readSnapshot(dataDir);
    text = nextScan(i);
    const result = core.call(CLERK, 'clerk.scan', { text });
    if (!result.ok) {
      refused = result;
      expect(readSnapshot(dataDir)).toEqual(before);
    } else {
      expect(result.value).not.toMatchObject({ result: 'refused' });
    }
  }
  expect(refused).toEqual({
    ok: false,
    error: { code: 'disk-full', message: expect.stringMatching(/disk is full.*saving resumes/i) },
  });

  const check = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  expect(check.pragma('integrity_check', { simple: true })).toBe('ok');
  check.close();
  expect(core.admin.verifyAudit()).toMatchObject({ ok: true });

  // Space freed: the very scan that was refused now goes through.
  core.admin.setMaxPages(1_000_000);
  const retried = core.call(CLERK, 'clerk.scan', { text });
  expect(retried).toMatchObject({ ok: true, value: { result: expect.stringMatching(/^(tube-opened|person-added)$/) } });
});
