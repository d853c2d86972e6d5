// The hub's site feed: enrolled stations of a site read each other's facts in the hub's commit order and never their
// own; a long poll answers as soon as another station of the site stores something; a token of one site never reads
// another's; the token, not the station, decides the site and the station; a token without a site uploads as it
// always did, reads no feed, and its station's facts join the site once it is enrolled; malformed requests get a
// clear 4xx.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { feedAnswerSchema, FEED_PATH } from '../../src-main/core/upload/protocol';
import { readFeed, sendBatch, waitingReaders, type Sender } from '../fixtures/hubClient';
import { startTestHub, type TestHub } from '../fixtures/hub';
import { tubeFacts, wireFact, type WireFact } from '../fixtures/siteFacts';

let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
}, 60_000);

afterAll(async () => {
  await hub.close();
});

/** A station of the site with its own enrolled token. */
async function station(siteCode: string, label = 'PC') {
  const token = await hub.enrol(siteCode, label);
  const sender: Sender = { siteCode, siteName: `${siteCode} 采样点`, stationId: randomUUID() };
  return {
    token,
    sender,
    send: (facts: readonly object[]) => sendBatch(hub.url, token, sender, facts),
    feed: async (query: Record<string, string | number> = {}) => {
      const answer = await readFeed(hub.url, token, query);
      expect(answer.status).toBe(200);
      return feedAnswerSchema.parse(answer.json);
    },
  };
}

/** Everything after the cursor, page by page. */
async function readAll(reader: Awaited<ReturnType<typeof station>>, after = 0, limit = 1000) {
  const items: { seq: number; stationId: string; fact: Record<string, unknown> }[] = [];
  let cursor = after;
  for (;;) {
    const page = await reader.feed({ after: cursor, limit });
    items.push(...page.facts);
    if (page.cursor === cursor) return { items, cursor };
    cursor = page.cursor;
  }
}

const statuses = (answer: { json: Record<string, unknown> }) => (answer.json.results as { status: string }[]).map((result) => result.status);

describe('the site feed', () => {
  it("gives a station the other stations' facts of its site, as sent, in commit order and without a gap, and never its own", async () => {
    const a = await station('BJ-0101', 'PC1');
    const b = await station('BJ-0101', 'PC2');
    const first = tubeFacts('20261123001', 10);
    const fromB = tubeFacts('20261123101', 3);
    const second = tubeFacts('20261123002', 4);
    expect((await a.send(first)).status).toBe(200);
    expect((await b.send(fromB)).status).toBe(200);
    expect((await a.send(second)).status).toBe(200);

    const seenByB = await readAll(b);
    expect(seenByB.items.map((item) => item.fact)).toEqual([...first, ...second]);
    expect(seenByB.items.every((item) => item.stationId === a.sender.stationId)).toBe(true);
    const total = first.length + fromB.length + second.length;
    expect(seenByB.items.map((item) => item.seq)).toEqual([
      ...first.map((_, i) => i + 1),
      ...second.map((_, i) => first.length + fromB.length + i + 1),
    ]);
    expect(seenByB.cursor).toBe(total);

    const seenByA = await readAll(a);
    expect(seenByA.items.map((item) => item.fact)).toEqual(fromB);
    expect(seenByA.cursor).toBe(total);

    // Page by page, each page's cursor where the next starts: the same facts, none twice.
    const paged = await readAll(b, 0, 5);
    expect(paged.items).toEqual(seenByB.items);

    // A resend is a duplicate: the feed does not move.
    expect(statuses(await a.send(first.slice(0, 3)))).toEqual(['duplicate', 'duplicate', 'duplicate']);
    // With the site's other enrolled stations, by their labels, never the reader itself.
    expect(await b.feed({ after: total })).toEqual({
      cursor: total,
      facts: [],
      stations: [{ stationId: a.sender.stationId, label: 'PC1', lastSeen: expect.any(String) }],
    });
  });

  it('never lets a cursor pass a fact whose batch has not committed yet', async () => {
    const a = await station('CD-0001', 'PC1');
    const b = await station('CD-0001', 'PC2');
    const reader = await station('CD-0001', 'PC3');
    const fromA = tubeFacts('20261123601', 3);
    const fromB = tubeFacts('20261123602', 2);
    // A transaction of the test's own holds one of A's keys, so A's batch stalls midway, after its facts were
    // given their places in the feed; B's batch comes after it.
    const blocker = new pg.Client(hub.database);
    await blocker.connect();
    const lockWaits = async () =>
      Number((await hub.query<{ n: string }>("SELECT count(*) AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'"))[0].n);
    try {
      await blocker.query('BEGIN');
      await blocker.query(
        `INSERT INTO facts (fact_id, station_id, site_code, kind, at, payload) VALUES ($1, $2, 'CD-0001', 'person.added', now(), '{}')`,
        [fromA.at(-1)!.factId, a.sender.stationId],
      );
      const sentA = a.send(fromA);
      await vi.waitFor(async () => expect(await lockWaits()).toBe(1), { timeout: 10_000, interval: 10 });
      let answeredB = false;
      const sentB = b.send(fromB).then((answer) => ((answeredB = true), answer));
      // Either B's batch waits behind A's, or it went ahead: the feed must be right either way.
      await vi.waitFor(async () => expect(answeredB || (await lockWaits()) === 2).toBe(true), { timeout: 10_000, interval: 10 });
      const during = await reader.feed();
      await blocker.query('ROLLBACK');
      expect((await sentA).status).toBe(200);
      expect((await sentB).status).toBe(200);
      const rest = await readAll(reader, during.cursor);
      const seen = [...during.facts, ...rest.items];
      expect(seen.map((item) => item.fact)).toEqual([...fromA, ...fromB]);
      expect(seen.map((item) => item.seq)).toEqual([...fromA, ...fromB].map((_, i) => i + 1));
    } finally {
      await blocker.end();
    }
  });

  it('answers a long poll as soon as another station of the site stores a fact, and at the end of the wait otherwise', async () => {
    const a = await station('BJ-0102', 'PC1');
    const b = await station('BJ-0102', 'PC2');
    const elsewhere = await station('BJ-0199', 'PC1');
    const { cursor } = await readAll(b);

    // Nothing new, here or at another site: the wait runs out and the cursor stays.
    const idle = b.feed({ after: cursor, wait: 1 });
    await vi.waitFor(async () => expect(await waitingReaders(hub.url)).toBe(1), { timeout: 10_000, interval: 10 });
    expect((await elsewhere.send(tubeFacts('20261123901', 1))).status).toBe(200);
    expect(await idle).toMatchObject({ cursor, facts: [] });

    const started = Date.now();
    const poll = b.feed({ after: cursor, wait: 30 });
    await vi.waitFor(async () => expect(await waitingReaders(hub.url)).toBe(1), { timeout: 10_000, interval: 10 });
    const fact = tubeFacts('20261123003', 1);
    expect((await a.send(fact)).status).toBe(200);
    const page = await poll;
    expect(page.facts.map((item) => item.fact)).toEqual(fact);
    expect(page.cursor).toBe(cursor + fact.length);
    // Woken by the commit, not by the end of its 30 s.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await waitingReaders(hub.url)).toBe(0);
  });

  it('answers a long poll at once, without them, when only the reader itself stored facts, even its first ones', async () => {
    const reader = await station('BJ-0103', 'PC1');
    const poll = reader.feed({ wait: 30 });
    await vi.waitFor(async () => expect(await waitingReaders(hub.url)).toBe(1), { timeout: 10_000, interval: 10 });
    // Its first upload binds its token while it waits.
    const own = tubeFacts('20261123004', 2);
    expect((await reader.send(own)).status).toBe(200);
    expect(await poll).toMatchObject({ cursor: own.length, facts: [] });
  });

  it("never lets a token of one site read another's facts or tables", async () => {
    const x = await station('SH-0001', 'PC1');
    const y = await station('SH-0002', 'PC1');
    const xFacts = tubeFacts('20261123201', 2);
    const yFacts = tubeFacts('20261123202', 2);
    expect((await x.send(xFacts)).status).toBe(200);
    expect((await y.send(yFacts)).status).toBe(200);
    // A reader of site Y that has stored nothing sees all of Y and nothing of X.
    const yReader = await station('SH-0002', 'PC2');
    const seen = await readAll(yReader);
    expect(seen.items.map((item) => item.fact)).toEqual(yFacts);
    expect(seen.items.some((item) => item.stationId === x.sender.stationId)).toBe(false);
    expect((await readAll(await station('SH-0001', 'PC2'))).items.map((item) => item.fact)).toEqual(xFacts);

    const tubes = await hub.query<{ site_code: string; barcode: string; people: number; status: string }>(
      "SELECT site_code, barcode, people, status FROM tubes WHERE site_code IN ('SH-0001', 'SH-0002') ORDER BY barcode",
    );
    expect(tubes).toEqual([
      { site_code: 'SH-0001', barcode: '20261123201', people: 2, status: 'sealed' },
      { site_code: 'SH-0002', barcode: '20261123202', people: 2, status: 'sealed' },
    ]);
  });

  it('refuses a station that says another site than its token, and a token already bound to another station', async () => {
    const a = await station('GZ-0001', 'PC1');
    const claimed = await sendBatch(hub.url, a.token, { ...a.sender, siteCode: 'GZ-0002' }, tubeFacts('20261123301', 1));
    expect(claimed.status).toBe(403);
    expect(claimed.json).toEqual({ error: 'wrong-site', message: expect.stringContaining('GZ-0001') });

    // Two stations racing to be the first with one fresh token: one binds it, the other is refused.
    const racing = [randomUUID(), randomUUID()].map((stationId) =>
      sendBatch(hub.url, a.token, { ...a.sender, stationId }, tubeFacts('20261123302', 1)),
    );
    const answers = await Promise.all(racing);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 403]);
    expect(answers.find((answer) => answer.status === 403)!.json).toMatchObject({ error: 'wrong-station' });

    const stored = await hub.query<{ n: string }>("SELECT count(*) AS n FROM facts WHERE site_code IN ('GZ-0001', 'GZ-0002')");
    expect(Number(stored[0].n)).toBe(3);
    const later = await sendBatch(hub.url, a.token, { ...a.sender, stationId: randomUUID() }, tubeFacts('20261123303', 1));
    expect(later.status).toBe(403);
  });

  it("lets a token without a site upload as before but read no feed; once the station is enrolled, what it sent joins its site", async () => {
    const reader = await station('HZ-0001', 'PC2');
    const legacy: Sender = { siteCode: 'HZ-0001', siteName: '杭州一点', stationId: randomUUID() };
    const before = tubeFacts('20261123401', 2);
    const sent = await sendBatch(hub.url, hub.token, legacy, before);
    expect(statuses(sent)).toEqual(before.map(() => 'stored'));
    const refused = await readFeed(hub.url, hub.token);
    expect(refused.status).toBe(403);
    expect(refused.json).toMatchObject({ error: 'not-enrolled' });
    expect((await readAll(reader)).items).toEqual([]);

    const enrolled = await hub.enrol('HZ-0001', 'PC1');
    const after = tubeFacts('20261123402', 1);
    expect((await sendBatch(hub.url, enrolled, legacy, after)).status).toBe(200);
    const seen = await readAll(reader);
    expect(seen.items.map((item) => item.fact)).toEqual([...before, ...after]);
    const tubes = await hub.query<{ barcode: string }>("SELECT barcode FROM tubes WHERE site_code = 'HZ-0001' ORDER BY barcode");
    expect(tubes.map((tube) => tube.barcode)).toEqual(['20261123401', '20261123402']);
  });

  it('answers a malformed or unauthorised feed request with a clear 4xx', async () => {
    const reader = await station('WH-0001', 'PC1');
    const cases: [string, () => Promise<{ status: number; json: Record<string, unknown> }>, number, string][] = [
      ['no token', () => readFeed(hub.url, null), 401, 'unauthorized'],
      ['an unknown token', () => readFeed(hub.url, 'not-a-token'), 401, 'unauthorized'],
      ['a negative cursor', () => readFeed(hub.url, reader.token, { after: -1 }), 400, 'malformed'],
      ['a cursor that is not a number', () => readFeed(hub.url, reader.token, { after: 'abc' }), 400, 'malformed'],
      ['a wait too long', () => readFeed(hub.url, reader.token, { wait: 61 }), 400, 'malformed'],
      ['a limit of 0', () => readFeed(hub.url, reader.token, { limit: 0 }), 400, 'malformed'],
      ['a limit too large', () => readFeed(hub.url, reader.token, { limit: 1001 }), 400, 'malformed'],
      ['an unknown parameter', () => readFeed(hub.url, reader.token, { since: 3 }), 400, 'malformed'],
      ['a cursor past the end', () => readFeed(hub.url, reader.token, { after: 1_000_000 }), 409, 'cursor-ahead'],
      [
        'the cursor twice',
        async () => {
          const response = await fetch(`${hub.url}${FEED_PATH}?after=1&after=2`, { headers: { authorization: `Bearer ${reader.token}` } });
          return { status: response.status, json: (await response.json()) as Record<string, unknown> };
        },
        400,
        'malformed',
      ],
      [
        'POST',
        async () => {
          const response = await fetch(`${hub.url}${FEED_PATH}`, { method: 'POST', headers: { authorization: `Bearer ${reader.token}` } });
          return { status: response.status, json: (await response.json()) as Record<string, unknown> };
        },
        405,
        'method-not-allowed',
      ],
    ];
    for (const [what, request, status, error] of cases) {
      const answer = await request();
      expect({ what, status: answer.status, error: answer.json.error }).toEqual({ what, status, error });
      expect(answer.json.message, what).toEqual(expect.any(String));
    }
    expect((await reader.feed()).cursor).toBe(0);
  });

  it('keeps answering long polls when its listening connection is cut, and listens again', async () => {
    const reader = await station('WH-0003', 'PC1');
    const writer = await station('WH-0003', 'PC2');
    const listeners = async () =>
      (await hub.query<{ pid: number }>("SELECT pid FROM pg_stat_activity WHERE query LIKE 'LISTEN %' AND backend_type = 'client backend'")).map(
        (row) => row.pid,
      );
    const [cut] = await listeners();
    await hub.query('SELECT pg_terminate_backend($1)', [cut]);

    // Deaf or listening again, a long poll hears of the next fact.
    const poll = reader.feed({ wait: 30 });
    await vi.waitFor(async () => expect(await waitingReaders(hub.url)).toBe(1), { timeout: 10_000, interval: 10 });
    const first = tubeFacts('20261123701', 1);
    expect((await writer.send(first)).status).toBe(200);
    expect((await poll).facts.map((item) => item.fact)).toEqual(first);

    await vi.waitFor(async () => expect((await listeners()).filter((pid) => pid !== cut)).toHaveLength(1), { timeout: 10_000, interval: 25 });
    const started = Date.now();
    const next = reader.feed({ after: (await reader.feed()).cursor, wait: 30 });
    await vi.waitFor(async () => expect(await waitingReaders(hub.url)).toBe(1), { timeout: 10_000, interval: 10 });
    const second = tubeFacts('20261123702', 1);
    expect((await writer.send(second)).status).toBe(200);
    expect((await next).facts.map((item) => item.fact)).toEqual(second);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('ends only its own long poll when a reader hangs up', async () => {
    const reader = await station('WH-0002', 'PC1');
    const writer = await station('WH-0002', 'PC2');
    const hangUp = new AbortController();
    const abandoned = fetch(`${hub.url}${FEED_PATH}?wait=30`, { headers: { authorization: `Bearer ${reader.token}` }, signal: hangUp.signal });
    await vi.waitFor(async () => expect(await waitingReaders(hub.url)).toBe(1), { timeout: 10_000, interval: 10 });
    hangUp.abort();
    await expect(abandoned).rejects.toThrow();
    await vi.waitFor(async () => expect(await waitingReaders(hub.url)).toBe(0), { timeout: 10_000, interval: 10 });

    const facts: WireFact[] = [wireFact('tube.opened', { tubeId: randomUUID(), barcode: '20261123501', desk: '1', capacity: 10 })];
    expect((await writer.send(facts)).status).toBe(200);
    expect((await reader.feed()).facts.map((item) => item.fact)).toEqual(facts);
  });
});
