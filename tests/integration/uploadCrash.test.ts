// Power cuts while uploading: the real station process (out/main/station.js) is killed with SIGKILL at random
// moments while it drains its outbox to the hub, over and over, with new facts recorded between runs. Then
// it runs to the end: every fact is in PostgreSQL exactly once, and every one is marked sent on the station.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createCore, DATABASE_FILE } from '../../src-main/core/core';
import { MANAGER, signInManager, value } from '../fixtures/driver';
import { openKeyed, passphraseEnv, TEST_PASSPHRASE } from '../fixtures/passphrase';
import { startTestHub, type TestHub } from '../fixtures/hub';
import { seedFacts } from '../fixtures/seedFacts';
import { tempDir } from '../fixtures/tempCore';

/** How long the uploader gets to reach what a test waits for, looked at every 25 ms. */
const EVENTUALLY = { timeout: 30_000, interval: 25 };

const STATION = path.resolve(__dirname, '../../out/main/station.js');
const KILLS = 40;
const FACTS_PER_RUN = 1000;

let hub: TestHub;
let dataDir: string;

beforeAll(async () => {
  hub = await startTestHub();
  dataDir = tempDir('swabdesk-upload-kill-');
}, 60_000);

let reader: ReturnType<typeof openKeyed> | null = null;

afterAll(async () => {
  reader?.close();
  await hub.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Read over one connection kept open (keying a connection costs a key derivation; WAL shows it every commit). */
function sentCount(): number {
  reader ??= openKeyed(path.join(dataDir, DATABASE_FILE), { readonly: true });
  return reader.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL').pluck().get() as number;
}

type Stop =
  /** SIGKILL this long after the process started, or after it said it was up (uploading by then). */
  | { killAfterMs: number; from: 'spawn' | 'ready' }
  /** SIGTERM once the station is up and the condition holds. */
  | { until: () => boolean };

function runStation(stop: Stop): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [STATION, '--data-dir', dataDir, '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: passphraseEnv(),
    });
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill('SIGKILL');
    child.stderr.on('data', (chunk) => (err += chunk));
    let up = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (up || !chunk.includes('SwabDesk browser station on')) return;
      up = true;
      if ('from' in stop && stop.from === 'ready') timer = setTimeout(kill, stop.killAfterMs);
      // Only once it is up: until then the facts may all be marked already (sent by the runs before).
      if ('until' in stop) {
        timer = setInterval(() => {
          if (stop.until()) child.kill('SIGTERM');
        }, 50);
      }
    });
    if ('from' in stop && stop.from === 'spawn') timer = setTimeout(kill, stop.killAfterMs);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      clearInterval(timer);
      if (signal === 'SIGKILL' || code === 0) resolve();
      else reject(new Error(`the station stopped by itself (${code ?? signal}):\n${err}`));
    });
  });
}

it(`loses and duplicates nothing when the station is killed ${KILLS} times during upload`, async () => {
  const core = createCore({ dataDir, key: TEST_PASSPHRASE });
  signInManager(core);
  value(core.call(MANAGER, 'site.saveUploadSettings', { endpoint: hub.url, token: hub.token, batchSize: 50 }));
  core.close();

  const keys: string[] = [];
  let progressedRuns = 0;
  for (let run = 0; run < KILLS; run++) {
    keys.push(...seedFacts(dataDir, FACTS_PER_RUN, 'person.added', TEST_PASSPHRASE));
    const before = sentCount();
    // Every other run dies anywhere from its very start (opening the database, migrating); the others while
    // they drain.
    const from = run % 2 === 0 ? 'spawn' : 'ready';
    await runStation({ killAfterMs: Math.random() * (from === 'spawn' ? 800 : 300), from });
    if (sentCount() > before) progressedRuns += 1;
  }
  // The kills fell while it was uploading, not only while it started.
  expect(progressedRuns).toBeGreaterThanOrEqual(KILLS / 4);

  await runStation({ until: () => sentCount() === keys.length });
  await vi.waitFor(() => expect(sentCount() === keys.length, 'the last facts to be marked').toBe(true), EVENTUALLY);

  const stored = await hub.query<{ fact_id: string; copies: string }>('SELECT fact_id, count(*) AS copies FROM facts GROUP BY fact_id');
  expect(stored).toHaveLength(keys.length);
  expect(stored.every((row) => row.copies === '1')).toBe(true);
  expect(new Set(stored.map((row) => row.fact_id))).toEqual(new Set(keys));

  const db = openKeyed(path.join(dataDir, DATABASE_FILE), { readonly: true });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(db.prepare('SELECT unsent FROM outbox_backlog').pluck().get()).toBe(0);
  db.close();
  console.log(`${KILLS} kills, ${progressedRuns} during upload; hub: ${JSON.stringify(hub.counters)}`);
}, 300_000);
