// The hub's upload endpoint at its edges, as the real process (out/main/hub.js): a body over the limit is answered
// 413 before the connection closes; a fact PostgreSQL can never store (a NUL character, a time out of its range) is
// rejected alone while the rest of its batch is stored; only a store that is down answers 503; and no request,
// however broken, stops the hub.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MAX_BODY_BYTES } from '../../src-main/hub/server';
import { createStore, type Store } from '../../src-main/hub/store';
import { FACTS_PATH, type FactResult } from '../../src-main/core/upload/protocol';
import { startPostgres, type PrivatePostgres } from '../fixtures/postgres';
import { startHubProcess, type HubProcess } from '../fixtures/hubProcess';
import { statusLineOf } from '../fixtures/rawHttp';

let postgres: PrivatePostgres;
let database: pg.Client;
let child: HubProcess;
let hub: { url: string; token: string };

beforeAll(async () => {
  postgres = await startPostgres();
  const store = createStore(postgres.url);
  await store.migrate();
  const token = await store.issueToken('test station');
  await store.close();
  child = await startHubProcess(postgres.url);
  hub = { url: child.url, token };
  database = new pg.Client(postgres.url);
  await database.connect();
}, 60_000);

afterAll(async () => {
  await database.end();
  await child.stop();
  await postgres.stop();
});

afterEach(async () => {
  await database.query('TRUNCATE facts');
});

const storedKeys = async () => (await database.query<{ fact_id: string }>('SELECT fact_id FROM facts')).rows.map((row) => row.fact_id);

const sender = { siteCode: 'S-12', siteName: 'Test site', stationId: randomUUID() };

function fact(fields: Record<string, unknown> = {}) {
  return { factId: randomUUID(), kind: 'person.added', at: new Date().toISOString(), name: 'Person', ...fields };
}

async function send(body: string): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(`${hub.url}${FACTS_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${hub.token}`, 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
}

const sendFacts = (facts: unknown[]) => send(JSON.stringify({ sender, facts }));

/** The same hub process is still running and still answers. */
async function healthy(): Promise<boolean> {
  return child.running() && (await fetch(`${hub.url}/v1/health`)).status === 200;
}

describe("the hub's upload endpoint", () => {
  it('answers a body over the limit with 413 and its reason, then closes that connection', async () => {
    const answer = await send(' '.repeat(MAX_BODY_BYTES + 1));
    expect(answer.status).toBe(413);
    expect(answer.json).toEqual({ error: 'too-large', message: expect.stringContaining(String(MAX_BODY_BYTES)) });
    expect(answer.headers.get('connection')).toBe('close');
    expect(await healthy()).toBe(true);
  });

  it('rejects a fact with a NUL character with its reason, stores the rest of the batch, and answers 200', async () => {
    const good = [fact(), fact(), fact()];
    const poisoned = fact({ person: { names: ['Zhang', 'San\u0000'] } });
    const batch = [good[0], poisoned, good[1], good[2]];

    const first = await sendFacts(batch);
    expect(first.status).toBe(200);
    expect(first.json.results).toEqual([
      { factId: good[0].factId, status: 'stored' },
      { factId: poisoned.factId, status: 'rejected', reason: expect.stringMatching(/^person\.names\.1: .*NUL/) },
      { factId: good[1].factId, status: 'stored' },
      { factId: good[2].factId, status: 'stored' },
    ]);
    expect(new Set(await storedKeys())).toEqual(new Set(good.map((f) => f.factId)));

    // Sent again, as after a lost answer: the good ones are duplicates, the poisoned one is still refused.
    const again = await sendFacts(batch);
    expect((again.json.results as FactResult[]).map((result) => result.status)).toEqual(['duplicate', 'rejected', 'duplicate', 'duplicate']);
    expect(await storedKeys()).toHaveLength(3);
  });

  it('rejects a fact whose time PostgreSQL cannot hold, and stores the others', async () => {
    const good = fact();
    const ancient = fact({ at: '0000-01-01T00:00:00.000Z' });
    const answer = await sendFacts([ancient, good]);
    expect(answer.status).toBe(200);
    expect(answer.json.results).toEqual([
      { factId: ancient.factId, status: 'rejected', reason: expect.stringMatching(/^at: .*PostgreSQL/) },
      { factId: good.factId, status: 'stored' },
    ]);
    expect(await storedKeys()).toEqual([good.factId]);
  });

  it("answers 503 when PostgreSQL drops the batch's connection, keeps running, and stores the batch when sent again", async () => {
    const contested = fact();
    const other = fact();
    // A transaction of the test's own holds the key, so the hub's insert waits on it; there its connection
    // is cut, as a PostgreSQL restart would cut it.
    const blocker = new pg.Client(postgres.url);
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(
        `INSERT INTO facts (fact_id, station_id, site_code, kind, at, payload) VALUES ($1, $2, 'S-12', 'person.added', now(), '{}')`,
        [contested.factId, sender.stationId],
      );
      const answer = sendFacts([other, contested]);
      const waiting = async () =>
        (await database.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock'")).rows;
      await vi.waitFor(async () => expect(await waiting()).toHaveLength(1), { timeout: 10_000, interval: 25 });
      const [{ pid }] = await waiting();
      await database.query('SELECT pg_terminate_backend($1)', [pid]);

      const refused = await answer;
      expect(refused.status).toBe(503);
      expect(refused.json).toMatchObject({ error: 'store-unavailable' });
      expect(refused.headers.get('retry-after')).toEqual(expect.any(String));
    } finally {
      // Its transaction ends with it, uncommitted.
      await blocker.end();
    }

    expect(await healthy()).toBe(true);
    const resent = await sendFacts([other, contested]);
    expect((resent.json.results as FactResult[]).map((result) => result.status)).toEqual(['stored', 'stored']);
  });

  it('answers a request whose target is not a URL with 400, and keeps running', async () => {
    const { port } = new URL(hub.url);
    const statusLine = await statusLineOf(Number(port), 'GET http://[ HTTP/1.1\r\nHost: hub\r\n\r\n');
    expect(statusLine).toMatch(/^HTTP\/1\.1 400/);
    expect(await healthy()).toBe(true);
  });

  it('keeps running when a station hangs up before sending the body its answer did not need', async () => {
    const { port } = new URL(hub.url);
    for (let i = 0; i < 5; i++) {
      const statusLine = await statusLineOf(
        Number(port),
        `POST ${FACTS_PATH} HTTP/1.1\r\nHost: hub\r\nAuthorization: Bearer not-a-token\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"sender":`,
      );
      expect(statusLine).toMatch(/^HTTP\/1\.1 401/);
    }
    expect(await healthy()).toBe(true);
  });
});

describe("the hub's store", () => {
  // Straight to the store, past the hub's own checks: the safety net for refusals no check foresaw, with a token
  // without a site and with a site's (whose stored facts also join the site's feed).
  it.each([
    ['without a site', (store: Store) => store.issueToken('test station')],
    ['enrolled for the site', (store: Store) => store.enrol({ site: sender.siteCode, label: 'test station' })],
  ])('stores a batch with facts PostgreSQL refuses by falling back to one fact at a time, refusing exactly those (a token %s)', async (_, issue) => {
    const store = createStore(postgres.url);
    const holder = (await store.authenticate(await issue(store)))!;
    const stationSender = { ...sender, stationId: randomUUID() };
    const good = [fact(), fact()];
    const withNul = fact({ name: 'Li\u0000Si' });
    const ancient = fact({ at: '0000-01-01T00:00:00.000Z' });
    const asStored = (f: ReturnType<typeof fact>) => ({ factId: f.factId, kind: f.kind, at: f.at, payloadJson: JSON.stringify(f) });
    try {
      const outcome = await store.storeBatch(holder, stationSender, [good[0], withNul, ancient, good[1]].map(asStored));
      expect(outcome.stored).toEqual(new Set(good.map((f) => f.factId)));
      expect([...outcome.refused.keys()]).toEqual([withNul.factId, ancient.factId]);
      expect(outcome.refused.get(withNul.factId)).toMatch(/Unicode|\\u0000/);
      expect(outcome.refused.get(ancient.factId)).toMatch(/range/);
      expect(new Set(await storedKeys())).toEqual(new Set(good.map((f) => f.factId)));
      const inFeed = await database.query<{ fact_id: string }>('SELECT fact_id FROM site_facts WHERE station_id = $1 ORDER BY seq', [
        stationSender.stationId,
      ]);
      expect(inFeed.rows.map((row) => row.fact_id)).toEqual(holder.siteCode === null ? [] : good.map((f) => f.factId));

      // Duplicates stay duplicates on the fallback path too.
      const again = await store.storeBatch(holder, stationSender, [good[0], withNul].map(asStored));
      expect(again.stored.size).toBe(0);
      expect([...again.refused.keys()]).toEqual([withNul.factId]);
    } finally {
      await store.close();
    }
  });
});
