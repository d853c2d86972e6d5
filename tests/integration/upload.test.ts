// The uploader against the hub on PostgreSQL: facts of a real tube arrive once each, as recorded;
// refused facts are held for the manager and never deleted; a bad token halts without holding anything; the
// settings refuse what would leak or could never be acknowledged, and never give the token back.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCore, DATABASE_FILE, type Core, type InputArgument } from '../../src-main/core/core';
import type { ChannelName, PushedEvent } from '../../src-main/core/contract';
import { driver, MANAGER, signInManager, value } from '../fixtures/driver';
import { startFaultProxy } from '../fixtures/faultProxy';
import { personCode } from '../fixtures/people';
import { startPostgres, type PrivatePostgres } from '../fixtures/postgres';
import { startTestHub, type TestHub } from '../fixtures/hub';
import { seedFacts } from '../fixtures/seedFacts';
import { tempDir } from '../fixtures/tempCore';

/** How long the uploader gets to reach what a test waits for, looked at every 25 ms. */
const EVENTUALLY = { timeout: 30_000, interval: 25 };

const FAST = { timeoutMs: 2000, backoff: { baseMs: 20, capMs: 500 } };

let postgres: PrivatePostgres;
let hub: TestHub;
const open: { core: Core; dataDir: string }[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  hub = await startTestHub(postgres);
}, 60_000);

afterAll(async () => {
  await hub.close();
  await postgres.stop();
});

afterEach(async () => {
  for (const { core, dataDir } of open.splice(0)) {
    await core.uploader.stop();
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  await hub.query('TRUNCATE facts');
});

function station(dataDir = tempDir()): Core {
  const core = createCore({ dataDir, upload: FAST });
  open.push({ core, dataDir });
  signInManager(core);
  return core;
}

const manager = <C extends ChannelName>(core: Core, channel: C, ...input: InputArgument<C>) => value(core.call(MANAGER, channel, ...input));

function configure(core: Core, settings: Record<string, unknown>) {
  return manager(core, 'site.saveUploadSettings', settings);
}

function outbox(dataDir: string) {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.prepare('SELECT fact_id, payload, sent_at, held_at, held_reason FROM outbox ORDER BY seq').all() as {
      fact_id: string;
      payload: string;
      sent_at: string | null;
      held_at: string | null;
      held_reason: string | null;
    }[];
  } finally {
    db.close();
  }
}

describe('uploading to the hub', () => {
  it("delivers a tube's facts exactly as recorded, once each, and the manager sees it done", async () => {
    const dataDir = tempDir();
    const core = station(dataDir);
    const pushed: PushedEvent[] = [];
    core.subscribe(MANAGER, (event) => pushed.push(event));
    const desk = driver(core, dataDir);
    desk.scan('20261123001');
    for (let i = 0; i < 10; i++) desk.scan(personCode(i));
    const local = outbox(dataDir);
    // Opened, 10 people added, sealed when full.
    expect(local).toHaveLength(12);
    expect(manager(core, 'site.upload')).toMatchObject({ state: 'off', backlog: { count: 12 }, lastSuccessAt: null });

    configure(core, { endpoint: hub.url, token: hub.token, batchSize: 5 });
    core.uploader.start();
    await vi.waitFor(
      () => expect((manager(core, 'site.upload').backlog as { count: number }).count === 0, 'the backlog to drain').toBe(true),
      EVENTUALLY,
    );

    const rows = await hub.query<{ fact_id: string; kind: string; payload: Record<string, unknown>; station_id: string }>(
      'SELECT fact_id, kind, payload, station_id FROM facts',
    );
    expect(rows).toHaveLength(12);
    const byKey = new Map(rows.map((row) => [row.fact_id, row]));
    for (const fact of local) {
      expect(byKey.get(fact.fact_id)?.payload).toEqual(JSON.parse(fact.payload));
    }
    expect(rows.filter((row) => row.kind === 'person.added')).toHaveLength(10);
    expect(new Set(rows.map((row) => row.station_id)).size).toBe(1);
    expect(outbox(dataDir).every((fact) => fact.sent_at !== null && fact.held_at === null)).toBe(true);

    const status = manager(core, 'site.upload');
    expect(status).toMatchObject({ backlog: { count: 0, oldestAt: null }, held: 0, lastError: null });
    expect(status.lastSuccessAt).toEqual(expect.any(String));
    expect(status.ratePerMinute).toBeGreaterThan(0);
    await vi.waitFor(
      () => expect(pushed.some((event) => event.event === 'upload.changed' && event.payload.backlog.count === 0), 'the upload panel to hear of it').toBe(true),
      EVENTUALLY,
    );
    expect(pushed.some((event) => event.event === 'backlog.changed' && event.payload.count === 0)).toBe(true);
  });

  it('holds a fact the platform rejects, with its reason, sends the rest, and sends it again only when released', async () => {
    const dataDir = tempDir();
    const good = seedFacts(dataDir, 7);
    const [bad] = seedFacts(dataDir, 1, 'bad kind');
    const more = seedFacts(dataDir, 3);
    const core = station(dataDir);
    configure(core, { endpoint: hub.url, token: hub.token, batchSize: 4 });
    core.uploader.start();
    await vi.waitFor(
      async () => expect((await hub.storedKeys()).length === 10, 'the good facts to arrive').toBe(true),
      EVENTUALLY,
    );
    await vi.waitFor(() => expect(manager(core, 'site.upload').held === 1, 'the bad fact to be held').toBe(true), EVENTUALLY);

    expect(new Set(await hub.storedKeys())).toEqual(new Set([...good, ...more]));
    const held = manager(core, 'site.heldFacts') as { count: number; facts: { factId: string; reason: string }[] };
    expect(held.count).toBe(1);
    expect(held.facts[0]).toMatchObject({ factId: bad, reason: expect.stringMatching(/kind/) });
    // Held, not deleted; and not counted as waiting.
    const row = outbox(dataDir).find((fact) => fact.fact_id === bad);
    expect(row).toMatchObject({ sent_at: null, held_at: expect.any(String) });
    expect(manager(core, 'site.upload')).toMatchObject({ backlog: { count: 0 }, held: 1 });

    // Released, it is sent again, and the platform still refuses it: held again, still there.
    expect(manager(core, 'site.releaseHeld', { factIds: [bad] })).toEqual({ released: 1 });
    await vi.waitFor(
      () => expect(outbox(dataDir).find((f) => f.fact_id === bad)?.held_at !== null, 'the fact to be held again').toBe(true),
      EVENTUALLY,
    );
    expect(outbox(dataDir)).toHaveLength(11);
    expect(await hub.storedKeys()).toHaveLength(10);
  });

  it('splits a batch the platform refuses as a whole until the one fact to blame is alone, and holds only that one', async () => {
    const dataDir = tempDir();
    const keys = seedFacts(dataDir, 40);
    const poison = keys[22];
    // A platform that answers 422 for the whole batch when one fact in it is wrong.
    const strict = await startFaultProxy(hub.url, ({ body }) => (body.includes(poison) ? 'status-422' : 'pass'));
    const core = station(dataDir);
    configure(core, { endpoint: strict.url, token: hub.token, batchSize: 16 });
    core.uploader.start();
    await vi.waitFor(
      async () => expect((await hub.storedKeys()).length === 39, 'all but one to arrive').toBe(true),
      EVENTUALLY,
    );
    await vi.waitFor(() => expect(manager(core, 'site.upload').held === 1, 'the one to be held').toBe(true), EVENTUALLY);
    expect((manager(core, 'site.heldFacts') as { facts: { factId: string; reason: string }[] }).facts).toEqual([
      expect.objectContaining({ factId: poison, reason: expect.stringContaining('HTTP 422') }),
    ]);
    await strict.close();
  });

  it('halts on a token the platform refuses, holds nothing, and drains once the right token is saved', async () => {
    const dataDir = tempDir();
    seedFacts(dataDir, 25);
    const core = station(dataDir);
    configure(core, { endpoint: hub.url, token: 'not-the-token', batchSize: 10 });
    core.uploader.start();
    await vi.waitFor(
      () => expect(manager(core, 'site.upload').state === 'halted', 'the uploader to halt').toBe(true),
      EVENTUALLY,
    );
    const halted = manager(core, 'site.upload');
    expect(halted).toMatchObject({ held: 0, backlog: { count: 25 }, lastError: { problem: 'http', status: 401 } });
    expect(halted.nextAttemptAt).toEqual(expect.any(String));
    expect(await hub.storedKeys()).toHaveLength(0);

    configure(core, { token: hub.token });
    await vi.waitFor(
      () => expect((manager(core, 'site.upload').backlog as { count: number }).count === 0, 'the backlog to drain').toBe(true),
      EVENTUALLY,
    );
    expect(await hub.storedKeys()).toHaveLength(25);
  });

  it('maps facts with a JSON template the platform defined', async () => {
    const dataDir = tempDir();
    const [key] = seedFacts(dataDir, 1);
    const core = station(dataDir);
    const template = JSON.stringify({
      factId: '{{factId}}',
      kind: '{{kind}}',
      at: '{{at}}',
      采样点: '{{siteCode}}',
      证件号码: '{{docNumber}}',
      管号: 'T-{{tubeBarcode}}',
      序号: '{{position}}',
    });
    manager(core, 'site.updateSettings', { siteCode: 'BJ-0101' });
    expect(configure(core, { endpoint: hub.url, token: hub.token, adapter: 'template', template })).toMatchObject({
      result: 'saved',
    });
    core.uploader.start();
    await vi.waitFor(async () => expect((await hub.storedKeys()).length === 1, 'the fact to arrive').toBe(true), EVENTUALLY);
    const [row] = await hub.query<{ fact_id: string; payload: Record<string, unknown> }>('SELECT fact_id, payload FROM facts');
    expect(row.fact_id).toBe(key);
    expect(row.payload).toMatchObject({ 采样点: 'BJ-0101', 证件号码: 'E000000', 管号: 'T-2026000000', 序号: 1 });
  });
});

/** A FHIR server that keeps every Bundle it is sent and answers as `answer` says. */
async function fakeFhirServer(answer: (bundle: { entry: unknown[] }) => { status: number; body: unknown }) {
  const received: { contentType: string; bundle: { type: string; entry: { request: { url: string } }[] } }[] = [];
  const server = http.createServer((request, response) => {
    let text = '';
    request.on('data', (chunk) => (text += chunk));
    request.on('end', () => {
      const bundle = JSON.parse(text);
      received.push({ contentType: request.headers['content-type'] ?? '', bundle });
      const { status, body } = answer(bundle);
      response.writeHead(status, { 'content-type': 'application/fhir+json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/fhir`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const transactionResponse = { resourceType: 'Bundle', type: 'transaction-response', entry: [] };

describe('uploading to a FHIR platform', () => {
  it('sends each batch as one transaction Bundle, and acknowledges the facts FHIR has no place for with it', async () => {
    const dataDir = tempDir();
    const people = seedFacts(dataDir, 5);
    const others = seedFacts(dataDir, 2, 'bad kind');
    const fhir = await fakeFhirServer(() => ({ status: 200, body: transactionResponse }));
    const core = station(dataDir);
    configure(core, { endpoint: fhir.url, token: 'fhir-token', adapter: 'fhir', batchSize: 10 });
    core.uploader.start();
    await vi.waitFor(
      () => expect((manager(core, 'site.upload').backlog as { count: number }).count === 0, 'the backlog to drain').toBe(true),
      EVENTUALLY,
    );

    expect(fhir.received).toHaveLength(1);
    const [{ contentType, bundle }] = fhir.received;
    expect(contentType).toBe('application/fhir+json');
    expect(bundle.type).toBe('transaction');
    // Five people, each in a tube of their own here: a Patient, a Specimen and a ServiceRequest each.
    expect(bundle.entry).toHaveLength(15);
    expect(bundle.entry.filter((entry) => entry.request.url === 'ServiceRequest')).toHaveLength(5);
    const sent = outbox(dataDir);
    expect(sent.every((fact) => fact.sent_at !== null)).toBe(true);
    expect(sent.map((fact) => fact.fact_id).sort()).toEqual([...people, ...others].sort());
    await fhir.close();
  });

  it('takes a 404 with an OperationOutcome for a fact to blame, but a bare 404 for a wrong address', async () => {
    const dataDir = tempDir();
    const keys = seedFacts(dataDir, 6);
    const poison = keys[4];
    const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] };
    const fhir = await fakeFhirServer((bundle) =>
      JSON.stringify(bundle).includes(poison) ? { status: 404, body: outcome } : { status: 200, body: transactionResponse },
    );
    const core = station(dataDir);
    configure(core, { endpoint: fhir.url, token: 'fhir-token', adapter: 'fhir', batchSize: 6 });
    core.uploader.start();
    await vi.waitFor(() => expect(manager(core, 'site.upload').held === 1, 'the one to be held').toBe(true), EVENTUALLY);
    await vi.waitFor(
      () => expect((manager(core, 'site.upload').backlog as { count: number }).count === 0, 'the others to be sent').toBe(true),
      EVENTUALLY,
    );
    expect((manager(core, 'site.heldFacts') as { facts: { factId: string }[] }).facts.map((f) => f.factId)).toEqual([poison]);
    await fhir.close();

    const wrong = await fakeFhirServer(() => ({ status: 404, body: { error: 'not-found', message: 'no such path' } }));
    const otherDir = tempDir();
    seedFacts(otherDir, 3);
    const other = station(otherDir);
    configure(other, { endpoint: wrong.url, token: 'fhir-token', adapter: 'fhir' });
    other.uploader.start();
    await vi.waitFor(
      () => expect(manager(other, 'site.upload').state === 'halted', 'the uploader to halt').toBe(true),
      EVENTUALLY,
    );
    expect(manager(other, 'site.upload')).toMatchObject({ held: 0, backlog: { count: 3 }, lastError: { problem: 'http', status: 404 } });
    await wrong.close();
  });
});

describe('upload settings', () => {
  it('refuses an endpoint that would send people in clear text to another host, or a template without the key', () => {
    const core = station();
    const refused = core.call(MANAGER, 'site.saveUploadSettings', { endpoint: 'http://platform.example.cn' });
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', message: expect.stringContaining('https://'), issues: [{ path: ['endpoint'], problem: 'not-https' }] },
    });
    expect(configure(core, { adapter: 'template', template: '{"id":"{{registrationId}}"}' })).toEqual({
      result: 'refused',
      issues: [{ path: ['template'], problem: 'template-without-fact-id' }],
    });
    expect(configure(core, { adapter: 'template', template: 'not json' })).toEqual({
      result: 'refused',
      issues: [{ path: ['template'], problem: 'template-not-json' }],
    });
    expect(manager(core, 'site.uploadSettings')).toMatchObject({ endpoint: '', adapter: 'swabdesk', tokenSet: false });
    expect(core.call(MANAGER, 'site.saveUploadSettings', { batchSize: 0 })).toMatchObject({
      ok: false,
      error: { issues: [{ path: ['batchSize'], problem: 'too-small', limit: 1 }] },
    });
    expect(core.call(MANAGER, 'site.saveUploadSettings', { token: 'has space' })).toMatchObject({
      ok: false,
      error: { issues: [{ path: ['token'], problem: 'token-characters' }] },
    });
  });

  it('keeps the token write-only: never in a window, never in the audit trail', () => {
    const dataDir = tempDir();
    const core = station(dataDir);
    const token = 'tok-5f2a9c1e-only-here';
    const saved = configure(core, { endpoint: 'https://platform.example.cn/api', token });
    expect(saved).toMatchObject({ result: 'saved', settings: { endpoint: 'https://platform.example.cn/api', tokenSet: true } });
    expect(JSON.stringify(saved)).not.toContain(token);
    expect(JSON.stringify(manager(core, 'site.uploadSettings'))).not.toContain(token);
    expect(JSON.stringify(manager(core, 'site.settings'))).not.toContain(token);
    const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    const audit = db.prepare("SELECT data FROM audit WHERE kind = 'settings.changed'").pluck().all() as string[];
    db.close();
    expect(audit.some((data) => data.includes('"tokenChanged":true'))).toBe(true);
    expect(audit.join('\n')).not.toContain(token);
  });

  it('is for the manager only', () => {
    const core = station();
    expect(core.call({ role: 'clerk', desk: '1' }, 'site.upload', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(core.call({ role: 'guide' }, 'site.saveUploadSettings', { endpoint: '' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });
});
