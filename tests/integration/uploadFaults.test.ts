// Fault injection: 50,000 facts go through a proxy that drops connections after the hub committed, answers
// 500, 503 and 429 with Retry-After, hangs, and refuses connections. Every fact ends in PostgreSQL exactly once,
// every one is marked sent on the station, and none is held.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createCore, DATABASE_FILE } from '../../src-main/core/core';
import { FACTS_PATH } from '../../src-main/core/upload/protocol';
import { MANAGER, signInManager, value } from '../fixtures/driver';
import { FAULTS, startFaultProxy, type Fault } from '../fixtures/faultProxy';
import { startTestHub, type TestHub } from '../fixtures/hub';
import { seedFacts } from '../fixtures/seedFacts';
import { tempDir } from '../fixtures/tempCore';

const FACTS = 50_000;
/** Out of 100 requests: a little over half pass; the rest fail in every way the proxy knows. */
const WEIGHTS: Partial<Record<Fault, number>> = {
  pass: 55,
  'drop-after-commit': 15,
  'status-500': 8,
  'status-503': 5,
  'status-429': 5,
  hang: 4,
  refuse: 8,
};

let hub: TestHub;
let dataDir: string;

beforeAll(async () => {
  hub = await startTestHub();
  dataDir = tempDir('swabdesk-faults-');
}, 60_000);

afterAll(async () => {
  await hub.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A fixed sequence, so every run meets the same faults in the same order. */
function seededChoice(seed: number): () => Fault {
  let state = seed;
  const table = Object.entries(WEIGHTS).flatMap(([fault, weight]) => Array<Fault>(weight).fill(fault as Fault));
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return table[state % table.length];
  };
}

it(`delivers ${FACTS.toLocaleString('en')} facts exactly once through every fault`, async () => {
  const keys = seedFacts(dataDir, FACTS);
  // Only the batches meet the faults: the station's other requests to the hub (its feed, its sticker keys) pass, so
  // that every drop counted is a batch of 500 stored and sent again.
  const choose = seededChoice(20261123);
  const proxy = await startFaultProxy(hub.url, ({ path }) => (path.startsWith(FACTS_PATH) ? choose() : 'pass'));
  const core = createCore({ dataDir, upload: { timeoutMs: 1000, backoff: { baseMs: 20, capMs: 400 } } });
  signInManager(core);
  value(core.call(MANAGER, 'site.saveUploadSettings', { endpoint: proxy.url, token: hub.token, batchSize: 500 }));
  core.uploader.start();

  const status = () => value(core.call(MANAGER, 'site.upload'));
  await vi.waitFor(
    () => expect(status().backlog.count === 0, 'the outbox to drain').toBe(true),
    { timeout: 240_000, interval: 25 },
  );
  await core.uploader.stop();
  core.close();
  await proxy.close();

  // Every fault happened, several times.
  for (const fault of FAULTS.filter((f) => WEIGHTS[f])) expect(proxy.counts[fault], fault).toBeGreaterThanOrEqual(3);
  // Batches the hub stored but the station never heard of came again, and were answered "duplicate".
  expect(hub.counters.duplicates).toBeGreaterThanOrEqual(proxy.counts['drop-after-commit'] * 500);

  const stored = await hub.query<{ fact_id: string; copies: string }>('SELECT fact_id, count(*) AS copies FROM facts GROUP BY fact_id');
  expect(stored).toHaveLength(FACTS);
  expect(stored.every((row) => row.copies === '1')).toBe(true);
  expect(new Set(stored.map((row) => row.fact_id))).toEqual(new Set(keys));

  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  const local = db.prepare('SELECT count(*) AS sent, sum(held_at IS NOT NULL) AS held FROM outbox WHERE sent_at IS NOT NULL').get();
  db.close();
  expect(local).toEqual({ sent: FACTS, held: 0 });
  console.log(`requests by fault: ${JSON.stringify(proxy.counts)}; hub: ${JSON.stringify(hub.counters)}`);
}, 300_000);
