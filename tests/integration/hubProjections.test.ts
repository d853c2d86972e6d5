// A site's tables at the hub are a function of its facts alone. Two real stations of one site work a morning (tubes
// filled, a person taken out, a tube switch taken back, a person voided, a name corrected, a tube voided, bags packed
// and handed over), and both happen to use the same tube and bag barcodes: the three conflicts. Their outboxes are
// delivered to a fresh hub database as recorded, backwards (a void before what it voids, people before their tube)
// and in seeded random orders with resends; every delivery leaves the same tables, table by table, and those tables
// say what the stations did.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_FILE, type Core } from '../../src-main/core/core';
import { driver, MANAGER, OTHER_CLERK } from '../fixtures/driver';
import { sendBatch, type Sender } from '../fixtures/hubClient';
import { startTestHub } from '../fixtures/hub';
import { siteTables } from '../fixtures/hubTables';
import { personCode } from '../fixtures/people';
import { startPostgres, type PrivatePostgres } from '../fixtures/postgres';
import { seededRandom, shuffled } from '../fixtures/seededRandom';
import { tempCore } from '../fixtures/tempCore';
import type { WireFact } from '../fixtures/siteFacts';

const SITE = 'BJ-0101';
const T1 = '2026112300001';
const BAG = 'B000001';
const courier = { name: '李师傅', phone: '13900001111', vehicle: '京A12345' };

let postgres: PrivatePostgres;
const stations: { sender: Sender; facts: WireFact[] }[] = [];

/** A clock a second ahead at each reading, so every fact of a station has a time of its own. */
function ticking(start: string) {
  let now = Date.parse(start);
  return () => new Date((now += 1000));
}

/** The station's outbox, in the order it recorded its facts. */
function outboxOf(dataDir: string): WireFact[] {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT payload FROM outbox ORDER BY seq').pluck().all() as string[]).map((payload) => JSON.parse(payload));
  } finally {
    db.close();
  }
}

function registrationOf(d: ReturnType<typeof driver>, tube: string, position: number): string {
  const tubes = d.tables().tubes as { id: string; barcode: string; status: string }[];
  const tubeId = tubes.find((row) => row.barcode === tube && row.status !== 'discarded')!.id;
  const registrations = d.tables().registrations as { id: string; tube_id: string; position: number; status: string }[];
  return registrations.find((row) => row.tube_id === tubeId && row.position === position && row.status !== 'removed')!.id;
}

function handOver(d: ReturnType<typeof driver>, tubes: string[]): void {
  for (const text of [BAG, ...tubes]) d.pack(text);
  d.call(MANAGER, 'packing.sealNow');
  expect(d.call(MANAGER, 'site.handover', { bags: [BAG], courier, temperature: 4 })).toMatchObject({ result: 'handed-over' });
}

/** Station A: two desks, every kind of fact the hub projects. */
function workStationA(core: Core, dataDir: string): void {
  const d = driver(core, dataDir);
  d.scan(T1);
  for (const i of [0, 1, 2]) d.scan(personCode(i));
  d.seal();
  d.scan('2026112300002');
  for (const i of [3, 4]) d.scan(personCode(i));
  expect(d.scan('2026112300003')).toMatchObject({ result: 'confirm', warning: 'tube-not-full' });
  d.confirm('2026112300003');
  expect(d.undo()).toMatchObject({ result: 'switch-undone' });
  d.scan(personCode(5));
  d.seal();
  d.scan('2026112300004', OTHER_CLERK);
  d.scan(personCode(6), OTHER_CLERK);
  expect(d.undo(OTHER_CLERK)).toMatchObject({ result: 'removed' });
  d.scan(personCode(7), OTHER_CLERK);
  d.seal(OTHER_CLERK);
  d.call(MANAGER, 'site.voidRegistration', { registrationId: registrationOf(d, T1, 2), reason: '登记错了' });
  d.call(MANAGER, 'site.correctPerson', { registrationId: registrationOf(d, '2026112300002', 1), reason: '错别字', name: '王五' });
  expect(d.call(MANAGER, 'site.voidTube', { barcode: '2026112300004', reason: '试管破损' })).toEqual({ result: 'voided' });
  handOver(d, [T1, '2026112300002']);
}

/** Station B: the same tube and bag barcodes as A, and a tube left open. */
function workStationB(core: Core, dataDir: string): void {
  const d = driver(core, dataDir);
  d.scan(T1);
  for (const i of [10, 11]) d.scan(personCode(i));
  d.seal();
  d.scan('2026112300005');
  d.scan(personCode(12));
  handOver(d, [T1]);
}

beforeAll(async () => {
  postgres = await startPostgres();
  for (const [work, start] of [
    [workStationA, '2026-11-23T00:30:00Z'],
    [workStationB, '2026-11-23T01:30:00Z'],
  ] as const) {
    const { core, dataDir, dispose } = tempCore(ticking(start));
    try {
      work(core, dataDir);
      stations.push({ sender: { siteCode: SITE, siteName: '东城区第三采样点', stationId: randomUUID() }, facts: outboxOf(dataDir) });
    } finally {
      dispose();
    }
  }
}, 60_000);

afterAll(async () => {
  await postgres.stop();
});

/** One delivery: batches of one station's facts each, in this order. */
type Delivery = { station: number; facts: WireFact[] }[];

function asRecorded(batchSize: number): Delivery {
  return stations.flatMap((station, index) =>
    Array.from({ length: Math.ceil(station.facts.length / batchSize) }, (_, b) => ({
      station: index,
      facts: station.facts.slice(b * batchSize, (b + 1) * batchSize),
    })),
  );
}

function backwards(): Delivery {
  return stations
    .flatMap((station, index) => station.facts.map((fact) => ({ station: index, facts: [fact] })))
    .reverse();
}

/** Every fact in a random order, in batches of random size, with facts sent before sent again among them. */
function randomly(seed: number): Delivery {
  const random = seededRandom(seed);
  const all = shuffled(
    stations.flatMap((station, index) => station.facts.map((fact) => ({ station: index, fact }))),
    random,
  );
  const sent: { station: number; fact: WireFact }[] = [];
  const delivery: Delivery = [];
  while (all.length > 0) {
    const chunk = all.splice(0, 1 + Math.floor(random() * 12));
    const resent = sent.filter(() => random() < 0.15);
    sent.push(...chunk);
    for (const [index] of stations.entries()) {
      const facts = [...chunk, ...resent].filter((item) => item.station === index).map((item) => item.fact);
      if (facts.length > 0) delivery.push({ station: index, facts: shuffled(facts, random) });
    }
  }
  return delivery;
}

let databases = 0;

/** Delivers to a hub on a database of its own; returns the site's tables. */
async function deliver(delivery: Delivery) {
  const name = `hub_delivery_${++databases}`;
  const admin = new pg.Client(postgres.url);
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const hub = await startTestHub({ url: postgres.url.replace(/\/postgres$/, `/${name}`), stop: async () => undefined });
  try {
    const tokens = [await hub.enrol(SITE, 'PC1'), await hub.enrol(SITE, 'PC2')];
    for (const batch of delivery) {
      const answer = await sendBatch(hub.url, tokens[batch.station], stations[batch.station].sender, batch.facts);
      expect(answer.status).toBe(200);
      expect((answer.json.results as { status: string }[]).every((result) => result.status !== 'rejected')).toBe(true);
    }
    return await siteTables(hub.query);
  } finally {
    await hub.close();
  }
}

describe("a site's tables at the hub", () => {
  let recorded: Awaited<ReturnType<typeof deliver>>;

  beforeAll(async () => {
    recorded = await deliver(asRecorded(10));
  }, 30_000);

  it('say what the stations did, conflicts included', () => {
    const [a, b] = stations;
    const factOf = (station: typeof a, kind: string, barcode?: string) =>
      station.facts.find((fact) => fact.kind === kind && (barcode === undefined || fact.barcode === barcode || fact.tubeBarcode === barcode))!.factId;
    const tube = (barcode: string, station: typeof a) =>
      recorded.tubes.find((row) => row.barcode === barcode && row.station_id === station.sender.stationId)!;

    expect(tube(T1, a)).toMatchObject({ status: 'sealed', close_reason: 'early', people: 2, desk: '1', voided_at: null });
    expect(tube('2026112300002', a)).toMatchObject({ status: 'sealed', close_reason: 'early', people: 3 });
    expect(tube('2026112300003', a)).toMatchObject({ status: 'discarded', close_reason: 'switch-undone', people: 0 });
    expect(tube('2026112300004', a)).toMatchObject({ status: 'sealed', people: 1, desk: '2', void_reason: '试管破损' });
    expect(tube('2026112300005', b)).toMatchObject({ status: 'open', people: 1 });

    const statuses = recorded.registrations.map((row) => row.status).sort();
    expect(statuses).toEqual([...Array(9).fill('active'), 'removed', 'voided']);
    expect(recorded.registrations.filter((row) => row.name === '王五')).toHaveLength(1);

    expect(recorded.desks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ station_id: a.sender.stationId, desk: '1', tubes: 3, open_tube_id: null }),
        expect.objectContaining({ station_id: a.sender.stationId, desk: '2', tubes: 1, open_tube_id: null }),
        expect.objectContaining({ station_id: b.sender.stationId, desk: '1', tubes: 2, open_tube_id: tube('2026112300005', b).tube_id }),
      ]),
    );
    expect(recorded.desks).toHaveLength(3);
    expect(recorded.bags.map((row) => ({ barcode: row.barcode, status: row.status }))).toEqual([
      { barcode: BAG, status: 'sealed' },
      { barcode: BAG, status: 'sealed' },
    ]);
    expect(recorded.bag_tubes).toHaveLength(3);
    expect(recorded.handovers).toHaveLength(2);
    expect(recorded.handover_bags.map((row) => row.bag_barcode)).toEqual([BAG, BAG]);

    // A's facts came first by the stations' clocks: A's side is the first of each pair.
    expect(recorded.conflicts.map(({ kind, subject, first_fact, second_fact }) => ({ kind, subject, first_fact, second_fact })).sort((x, y) =>
      String(x.kind).localeCompare(String(y.kind)),
    )).toEqual([
      { kind: 'bag-handed-over-twice', subject: BAG, first_fact: factOf(a, 'handover'), second_fact: factOf(b, 'handover') },
      { kind: 'tube-in-two-bags', subject: T1, first_fact: factOf(a, 'bag.packed', T1), second_fact: factOf(b, 'bag.packed', T1) },
      { kind: 'tube-opened-twice', subject: T1, first_fact: factOf(a, 'tube.opened', T1), second_fact: factOf(b, 'tube.opened', T1) },
    ]);
    expect(recorded.sites).toEqual([{ code: SITE, name: '东城区第三采样点', feed_seq: String(a.facts.length + b.facts.length) }]);
  });

  it('come out the same delivered backwards: voids before what they void, people before their tube', async () => {
    expect(await deliver(backwards())).toEqual(recorded);
  });

  it.each([1, 2, 3])('come out the same delivered in random order %i, with resends', async (seed) => {
    expect(await deliver(randomly(20261123 + seed))).toEqual(recorded);
  });
});
