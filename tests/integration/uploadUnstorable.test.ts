// A fact PostgreSQL can never store (a NUL character in its text) in the middle of a batch, from the station's
// uploader to the hub: the hub rejects that fact alone, the station holds it for the manager
// with the reason, and every other fact is stored, so nothing is retried forever and nothing waits behind it.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { ChannelName } from '../../src-main/core/contract';
import { createCore, DATABASE_FILE, type InputArgument } from '../../src-main/core/core';
import { MANAGER, signInManager, value } from '../fixtures/driver';
import { startTestHub, type TestHub } from '../fixtures/hub';
import { seedFacts } from '../fixtures/seedFacts';
import { tempDir } from '../fixtures/tempCore';

/** How long the uploader gets to reach what the test waits for, looked at every 25 ms. */
const EVENTUALLY = { timeout: 30_000, interval: 25 };

let hub: TestHub;
let dataDir: string;

beforeAll(async () => {
  hub = await startTestHub();
  dataDir = tempDir('swabdesk-unstorable-');
}, 60_000);

afterAll(async () => {
  await hub.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Puts a NUL character into a recorded fact's name, in the outbox row the uploader will send. */
function poison(factId: string): void {
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  try {
    const payload = JSON.parse(db.prepare('SELECT payload FROM outbox WHERE fact_id = ?').pluck().get(factId) as string) as {
      name: string;
    };
    payload.name = `${payload.name}\u0000`;
    db.prepare('UPDATE outbox SET payload = ? WHERE fact_id = ?').run(JSON.stringify(payload), factId);
  } finally {
    db.close();
  }
}

function outboxRow(factId: string) {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT sent_at, held_at, held_reason FROM outbox WHERE fact_id = ?').get(factId);
  } finally {
    db.close();
  }
}

it('holds the fact PostgreSQL cannot store, stores the rest of its batch, and leaves no backlog', async () => {
  const keys = seedFacts(dataDir, 8);
  const poisoned = keys[3];
  poison(poisoned);

  const core = createCore({ dataDir, upload: { timeoutMs: 2000, backoff: { baseMs: 20, capMs: 500 } } });
  try {
    signInManager(core);
    const manager = <C extends ChannelName>(channel: C, ...input: InputArgument<C>) => value(core.call(MANAGER, channel, ...input));
    // One batch for all eight, so the poisoned fact travels with the good ones.
    manager('site.saveUploadSettings', { endpoint: hub.url, token: hub.token, batchSize: 10 });
    core.uploader.start();
    const status = () => manager('site.upload') as { backlog: { count: number }; held: number };
    await vi.waitFor(() => expect(status().held === 1 && status().backlog.count === 0, 'the batch to be settled').toBe(true), EVENTUALLY);

    expect(new Set(await hub.storedKeys())).toEqual(new Set(keys.filter((key) => key !== poisoned)));
    const held = manager('site.heldFacts') as { count: number; facts: { factId: string; reason: string }[] };
    expect(held.count).toBe(1);
    expect(held.facts[0]).toMatchObject({ factId: poisoned, reason: expect.stringMatching(/name: .*NUL/) });
    // Held, not deleted, not sent.
    expect(outboxRow(poisoned)).toMatchObject({ sent_at: null, held_at: expect.any(String) });
    expect(status()).toMatchObject({ backlog: { count: 0 }, held: 1 });
  } finally {
    await core.uploader.stop();
    core.close();
  }
}, 60_000);
