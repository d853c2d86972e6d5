// Several hub processes on one PostgreSQL database, as real processes (out/main/hub.js, after `npm run build`):
// started at once on a new database, they migrate it once and both serve; stations upload to both at once, each
// batch often sent to both at the same moment; every fact is stored exactly once (one "stored" answer per fact,
// one row), the site's feed numbers them 1…n without a gap, and a reader long-polling through both processes in
// turn gets every fact once, in that order, while the uploads go on. The site's tables equal those of the same
// facts delivered one batch at a time to a single hub. And the commands: enrol prints a token that works.
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feedAnswerSchema } from '../../src-main/core/upload/protocol';
import { hubMigrations } from '../../src-main/hub/migrations';
import { startTestHub } from '../fixtures/hub';
import { readFeed, sendBatch, type Sender } from '../fixtures/hubClient';
import { runHub, startHubProcess, type HubProcess } from '../fixtures/hubProcess';
import { siteTables } from '../fixtures/hubTables';
import { startPostgres, type PrivatePostgres } from '../fixtures/postgres';
import { seededRandom } from '../fixtures/seededRandom';
import { tubeFacts, type WireFact } from '../fixtures/siteFacts';

const SITE = 'SZ-0001';
const STATIONS = 6;
const TUBES_PER_STATION = 20;

let postgres: PrivatePostgres;
let database: pg.Client;
let hubs: HubProcess[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  database = new pg.Client(postgres.url);
  await database.connect();
}, 60_000);

afterAll(async () => {
  await Promise.all(hubs.map((hub) => hub.stop()));
  await database.end();
  await postgres.stop();
});

const rows = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => (await database.query<R>(sql, params)).rows;

describe('several hub processes on one database', () => {
  it('migrate a new database once when they start at the same moment, and both serve', async () => {
    hubs = await Promise.all([startHubProcess(postgres.url), startHubProcess(postgres.url)]);
    // Each migration once, whichever process ran it.
    expect(await rows('SELECT version FROM schema_version ORDER BY version')).toEqual(hubMigrations.map(({ version }) => ({ version })));
    for (const hub of hubs) expect((await fetch(`${hub.url}/v1/health`)).status).toBe(200);
  });

  it('enrol prints a token bound to the site, once; a bad site code is refused with the reason', async () => {
    const enrolled = await runHub(['enrol', '--database', postgres.url, '--site', SITE, '--label', '深圳一点 PC0']);
    expect(enrolled.code).toBe(0);
    const token = enrolled.stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const sender: Sender = { siteCode: SITE, siteName: '深圳一点', stationId: randomUUID() };
    expect((await sendBatch(hubs[0].url, token, sender, tubeFacts('20261124999', 1))).status).toBe(200);
    expect(await rows('SELECT label, site_code, station_id FROM tokens WHERE site_code IS NOT NULL')).toEqual([
      { label: '深圳一点 PC0', site_code: SITE, station_id: sender.stationId },
    ]);
    // Nothing of the token itself is kept: only its hash.
    expect(JSON.stringify(await rows('SELECT * FROM tokens'))).not.toContain(token);

    const refused = await runHub(['enrol', '--database', postgres.url, '--site', 'SZ 0001!', '--label', 'PC9']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--site: letters, digits and - only/);
    expect(refused.stdout).toBe('');
  });

  it('store every fact exactly once and feed it once, in order and without a gap, while stations upload to both', async () => {
    const random = seededRandom(20261124);
    const before = Number((await rows<{ feed_seq: string }>('SELECT feed_seq FROM sites WHERE code = $1', [SITE]))[0].feed_seq);
    const stations = await Promise.all(
      Array.from({ length: STATIONS }, async (_, index) => {
        const enrolled = await runHub(['enrol', '--database', postgres.url, '--site', SITE, '--label', `深圳一点 PC${index + 1}`]);
        const sender: Sender = { siteCode: SITE, siteName: '深圳一点', stationId: randomUUID() };
        const batches = Array.from({ length: TUBES_PER_STATION }, (_, tube) =>
          tubeFacts(`2026112${index}${String(tube).padStart(4, '0')}`, 1 + Math.floor(random() * 10)),
        );
        return { token: enrolled.stdout.trim(), sender, batches };
      }),
    );
    const readerToken = (await runHub(['enrol', '--database', postgres.url, '--site', SITE, '--label', '深圳一点 经理'])).stdout.trim();
    const everyFact = stations.flatMap((station) => station.batches.flat());
    const answers = new Map<string, string[]>(everyFact.map((fact) => [fact.factId, []]));

    // Each station sends its batches in turn, to one process or the other, and every third batch to both at once.
    const uploads = stations.map(async (station, index) => {
      for (const [number, batch] of station.batches.entries()) {
        const targets = number % 3 === 0 ? hubs : [hubs[(index + number) % 2]];
        const sent = await Promise.all(targets.map((hub) => sendBatch(hub.url, station.token, station.sender, batch)));
        for (const answer of sent) {
          expect(answer.status).toBe(200);
          for (const result of answer.json.results as { factId: string; status: string }[]) answers.get(result.factId)!.push(result.status);
        }
      }
    });

    // The manager's station reads the feed meanwhile, long-polling each process in turn.
    const read: { seq: number; fact: WireFact }[] = [];
    const reading = (async () => {
      let cursor = before;
      for (let turn = 0; read.length < everyFact.length; turn++) {
        const answer = await readFeed(hubs[turn % 2].url, readerToken, { after: cursor, wait: 10 });
        expect(answer.status).toBe(200);
        const page = feedAnswerSchema.parse(answer.json);
        read.push(...page.facts.map((item) => ({ seq: item.seq, fact: item.fact as WireFact })));
        cursor = page.cursor;
      }
    })();
    await Promise.all([...uploads, reading]);

    for (const [factId, statuses] of answers) {
      expect({ factId, stored: statuses.filter((status) => status === 'stored').length }).toEqual({ factId, stored: 1 });
      expect(statuses.every((status) => status === 'stored' || status === 'duplicate')).toBe(true);
    }
    const stored = await rows<{ fact_id: string; copies: string }>(
      'SELECT fact_id, count(*) AS copies FROM facts WHERE fact_id = ANY($1::uuid[]) GROUP BY fact_id',
      [everyFact.map((fact) => fact.factId)],
    );
    expect(stored).toHaveLength(everyFact.length);
    expect(stored.every((row) => row.copies === '1')).toBe(true);

    const feed = await rows<{ seq: string; fact_id: string }>('SELECT seq, fact_id FROM site_facts WHERE site_code = $1 AND seq > $2 ORDER BY seq', [
      SITE,
      before,
    ]);
    expect(feed.map((row) => Number(row.seq))).toEqual(everyFact.map((_, i) => before + i + 1));
    expect(read.map((item) => item.seq)).toEqual(feed.map((row) => Number(row.seq)));
    expect(read.map((item) => item.fact.factId)).toEqual(feed.map((row) => row.fact_id));
    // Each station's facts in the feed in the order it sent them.
    for (const station of stations) {
      const mine = new Set(station.batches.flat().map((fact) => fact.factId));
      expect(read.filter((item) => mine.has(item.fact.factId)).map((item) => item.fact)).toEqual(station.batches.flat());
    }

    // The same facts, one batch at a time, to one hub on a database of its own: the same tables.
    await database.query('CREATE DATABASE sequential');
    const single = await startTestHub({ url: postgres.url.replace(/\/postgres$/, '/sequential'), stop: async () => undefined });
    try {
      const first = await single.enrol(SITE, '深圳一点 PC0');
      const earlier = await rows<{ payload: WireFact; station_id: string }>(
        'SELECT f.payload, f.station_id FROM site_facts s JOIN facts f USING (fact_id) WHERE s.site_code = $1 AND s.seq <= $2 ORDER BY s.seq',
        [SITE, before],
      );
      expect((await sendBatch(single.url, first, { siteCode: SITE, siteName: '深圳一点', stationId: earlier[0].station_id }, earlier.map((row) => row.payload))).status).toBe(200);
      for (const [index, station] of stations.entries()) {
        const token = await single.enrol(SITE, `深圳一点 PC${index + 1}`);
        for (const batch of station.batches) expect((await sendBatch(single.url, token, station.sender, batch)).status).toBe(200);
      }
      await single.enrol(SITE, '深圳一点 经理');
      const concurrent = await siteTables((sql, params) => rows(sql, params));
      expect(await siteTables(single.query)).toEqual(concurrent);
    } finally {
      await single.close();
    }
  }, 60_000);
});
