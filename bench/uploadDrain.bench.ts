// Drain rate: a backlog of 100,000 facts (on an encrypted station, as every station is) uploaded to the hub (its own process, out/main/hub.js)
// on loopback, over a private PostgreSQL cluster, at two batch sizes. Beside each: the longest the station's event
// loop was blocked meanwhile (what a scan arriving then would wait). Baselines measured in the same run: the same
// facts inserted straight into PostgreSQL in the same batches (no HTTP, no station), bare HTTP round trips to the
// hub, and the event loop of an idle station. The token has no site (issue-token): this measures the hub storing
// facts, not a site's feed or tables.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pg from 'pg';
import { createCore } from '../src-main/core/core';
import { CHECKPOINT_EVERY_MS } from '../src-main/core/maintenance/wal';
import { MANAGER, signInManager, value } from '../tests/fixtures/driver';
import { startPostgres } from '../tests/fixtures/postgres';
import { seedFacts } from '../tests/fixtures/seedFacts';
import { tempDir } from '../tests/fixtures/tempCore';
import { createStore } from '../src-main/hub/store';
import { hubRoundTrips } from './hubRoundTrips';
import { line, ms } from './stats';

const FACTS = 100_000;
const BATCHES = [200, 1000];
const HUB = path.resolve('out/main/hub.js');
/** Encrypted, as every station is. */
const KEY = 'bench-site-passphrase';

function startHub(database: string): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HUB, 'serve', '--database', database, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout!.on('data', (chunk: Buffer) => {
      const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(chunk.toString())?.[1];
      if (url) resolve({ url, child });
    });
    child.on('exit', (code) => reject(new Error(`the hub exited with ${code}`)));
  });
}

async function drain(url: string, token: string, batchSize: number): Promise<void> {
  const dataDir = tempDir('swabdesk-drain-');
  seedFacts(dataDir, FACTS, 'person.added', KEY);
  const core = createCore({ dataDir, key: KEY });
  // As a running station does: checkpoints in the background worker, not inside the desks' commits.
  core.admin.scheduleCheckpoints(CHECKPOINT_EVERY_MS);
  signInManager(core);
  core.call(MANAGER, 'site.saveUploadSettings', { endpoint: url, token, batchSize });
  const waiting = () => value(core.call(MANAGER, 'station.backlog')).count;

  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  const started = performance.now();
  core.uploader.start();
  while (waiting() > 0) await new Promise((resolve) => setTimeout(resolve, 20));
  const elapsed = performance.now() - started;
  loop.disable();
  await core.uploader.stop();
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });

  line(`drain ${FACTS.toLocaleString('en')} facts, batches of ${batchSize}`, `${(elapsed / 1000).toFixed(2)} s = ${Math.round(FACTS / (elapsed / 1000)).toLocaleString('en')} facts/s`);
  // The histogram counts in ns; what it records is the delay beyond the 1 ms timer resolution.
  line(`  event loop blocked, p99 / max`, `${ms(loop.percentile(99) / 1e6)} / ${ms(loop.max / 1e6)}`);
}

/** The hub's floor: the same facts inserted straight into PostgreSQL, one transaction per batch. */
async function directInsert(database: string, batchSize: number): Promise<void> {
  const client = new pg.Client(database);
  await client.connect();
  await client.query('CREATE TABLE IF NOT EXISTS direct (fact_id uuid PRIMARY KEY, kind text, at timestamptz, payload jsonb)');
  const started = performance.now();
  for (let offset = 0; offset < FACTS; offset += batchSize) {
    const ids = Array.from({ length: batchSize }, () => crypto.randomUUID());
    const payloads = ids.map((factId, i) => JSON.stringify({ factId, kind: 'person.added', name: `Person ${offset + i}`, docNumber: `E${offset + i}` }));
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO direct SELECT f.id, 'person.added', now(), f.p FROM unnest($1::uuid[], $2::jsonb[]) AS f (id, p)
       ON CONFLICT (fact_id) DO NOTHING`,
      [ids, payloads],
    );
    await client.query('COMMIT');
  }
  const elapsed = performance.now() - started;
  await client.query('DROP TABLE direct');
  await client.end();
  line(`baseline: straight into PostgreSQL, batches of ${batchSize}`, `${(elapsed / 1000).toFixed(2)} s = ${Math.round(FACTS / (elapsed / 1000)).toLocaleString('en')} facts/s`);
}

/** The same measure over a station with nothing to send: timer jitter and garbage collection alone. */
async function idleLoop(): Promise<void> {
  const dataDir = tempDir('swabdesk-idle-');
  const core = createCore({ dataDir, key: KEY });
  const loop = monitorEventLoopDelay({ resolution: 1 });
  loop.enable();
  await new Promise((resolve) => setTimeout(resolve, 3000));
  loop.disable();
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  line('baseline: event loop of an idle station, p99 / max', `${ms(loop.percentile(99) / 1e6)} / ${ms(loop.max / 1e6)}`);
}

async function main(): Promise<void> {
  if (!fs.existsSync(HUB)) throw new Error(`${HUB} is missing: run \`npm run build\` first.`);
  const postgres = await startPostgres();
  const store = createStore(postgres.url);
  await store.migrate();
  const token = await store.issueToken('bench');
  await store.close();
  const hub = await startHub(postgres.url);
  try {
    const trip = await hubRoundTrips(hub.url);
    line('baseline: bare HTTP round trip to the hub, p50 / p99', `${ms(trip.p50)} / ${ms(trip.p99)}`);
    await idleLoop();
    for (const batchSize of BATCHES) {
      await drain(hub.url, token, batchSize);
      await directInsert(postgres.url, batchSize);
    }
  } finally {
    hub.child.kill('SIGTERM');
    await postgres.stop();
  }
}

void main();
