// The hub taking a district's uploads (its own process, out/main/hub.js, over a private PostgreSQL cluster): stations
// enrolled five to a site, each sending batches of 200 tube facts one at a time, from 1, 10 and 50 stations at once,
// the same number of facts each time. Beside each, the baseline measured in the same run: the same facts' JSON
// inserted straight into a plain table, one INSERT per batch, over as many connections as there were stations. Then
// the feed's lag: 10 stations upload while a reader of each site long-polls the feed as a station's feed client does;
// for every batch, from its 200 OK at the sender to the reader holding all its facts. Beside it: the same lag with
// one station uploading alone, and a bare HTTP round trip to the hub.
import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { feedAnswerSchema } from '../src-main/core/upload/protocol';
import { createStore } from '../src-main/hub/store';
import { readFeed, waitingReaders } from '../tests/fixtures/hubClient';
import { startHubProcess, type HubProcess } from '../tests/fixtures/hubProcess';
import { startPostgres, type PrivatePostgres } from '../tests/fixtures/postgres';
import { hubRoundTrips } from './hubRoundTrips';
import { BATCH_SIZE, enrolStations, uploadAll, type Acknowledged, type BenchStation } from './districtStations';
import { line, ms, summary } from './stats';

const FACTS_PER_SCENARIO = 40_000;
const STATION_COUNTS = [1, 10, 50];
const STATIONS_PER_SITE = 5;
const LAG_STATIONS = 10;
const LAG_BATCHES_PER_STATION = 24;
/** The lag's baseline: one station uploading alone, as many batches as the 10 send together. */
const LONE_BATCHES = LAG_STATIONS * LAG_BATCHES_PER_STATION;
/** As the station's feed client asks (src-main/core/siteFeed/feedClient.ts). */
const FEED_WAIT_SECONDS = 25;
const FEED_LIMIT = 500;
/** The hub's 8 pooled and 1 listening connection, the 50 of the widest baseline, and room to spare. */
const MAX_CONNECTIONS = 80;

const count = (n: number) => Math.round(n).toLocaleString('en');
const rate = (facts: number, elapsedMs: number) => `${count(facts / (elapsedMs / 1000))} facts/s`;
const latencies = (samples: number[]) => {
  const { p50, p99 } = summary(samples);
  return `batch p50 ${ms(p50)}, p99 ${ms(p99)}`;
};
const factsOf = (stations: readonly BenchStation[]) => stations.reduce((sum, station) => sum + station.batches.length * BATCH_SIZE, 0);

/** CPU seconds a process has used (Linux: user and system time in /proc, in ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function hubIngest(hub: HubProcess, stations: readonly BenchStation[]): Promise<{ elapsed: number; samples: number[]; hubCpu: number }> {
  const samples: number[] = [];
  const cpuBefore = cpuSeconds(hub.child.pid!);
  const started = performance.now();
  await uploadAll(hub.url, stations, ({ sentAt, acknowledgedAt }) => samples.push(acknowledgedAt - sentAt));
  const elapsed = performance.now() - started;
  return { elapsed, samples, hubCpu: (cpuSeconds(hub.child.pid!) - cpuBefore) / (elapsed / 1000) };
}

/** The database's floor: each station's batches through a connection of its own into a plain table. */
async function rawIngest(database: string, stations: readonly BenchStation[]): Promise<{ elapsed: number; samples: number[] }> {
  const admin = new pg.Client(database);
  await admin.connect();
  await admin.query('CREATE TABLE raw_facts (fact_id uuid PRIMARY KEY, kind text NOT NULL, at timestamptz NOT NULL, payload jsonb NOT NULL)');
  const connections = await Promise.all(
    stations.map(async () => {
      const client = new pg.Client(database);
      await client.connect();
      return client;
    }),
  );
  const samples: number[] = [];
  const started = performance.now();
  await Promise.all(
    stations.map(async ({ batches }, i) => {
      for (const batch of batches) {
        const sentAt = performance.now();
        await connections[i].query(
          `INSERT INTO raw_facts SELECT f.id, f.p->>'kind', (f.p->>'at')::timestamptz, f.p
           FROM unnest($1::uuid[], $2::jsonb[]) AS f (id, p) ON CONFLICT (fact_id) DO NOTHING`,
          [batch.map((fact) => fact.factId), batch.map((fact) => JSON.stringify(fact))],
        );
        samples.push(performance.now() - sentAt);
      }
    }),
  );
  const elapsed = performance.now() - started;
  await Promise.all(connections.map((client) => client.end()));
  await admin.query('DROP TABLE raw_facts');
  await admin.end();
  return { elapsed, samples };
}

/** Long-polls the site's feed as a station does until `expected` facts came; when each fact arrived, by its id. */
async function readSite(url: string, token: string, expected: number, arrivedAt: Map<string, number>): Promise<void> {
  let cursor = 0;
  for (let received = 0; received < expected; ) {
    const answer = await readFeed(url, token, { after: cursor, wait: FEED_WAIT_SECONDS, limit: FEED_LIMIT });
    const now = performance.now();
    if (answer.status !== 200) throw new Error(`the feed answered ${answer.status}: ${JSON.stringify(answer.json)}`);
    const page = feedAnswerSchema.parse(answer.json);
    for (const item of page.facts) arrivedAt.set(item.fact.factId, now);
    received += page.facts.length;
    cursor = page.cursor;
  }
}

interface Reader {
  siteCode: string;
  token: string;
}

/** A reader for each site of the senders, enrolled as a station of its own that never uploads. */
async function enrolReaders(store: ReturnType<typeof createStore>, senders: readonly BenchStation[]): Promise<Reader[]> {
  const readers: Reader[] = [];
  for (const siteCode of new Set(senders.map((station) => station.sender.siteCode))) {
    readers.push({ siteCode, token: await store.enrol({ site: siteCode, label: `${siteCode} reader` }) });
  }
  return readers;
}

async function feedLag(title: string, url: string, senders: readonly BenchStation[], readers: readonly Reader[]): Promise<void> {
  const arrivedAt = new Map<string, number>();
  const reading = Promise.all(
    readers.map(({ siteCode, token }) => readSite(url, token, factsOf(senders.filter((station) => station.sender.siteCode === siteCode)), arrivedAt)),
  );
  // Every reader in its long poll before the first batch, as stations that have caught up are.
  while ((await waitingReaders(url)) < readers.length) await new Promise((resolve) => setImmediate(resolve));
  const acknowledged: Acknowledged[] = [];
  const started = performance.now();
  const uploading = uploadAll(url, senders, (batch) => acknowledged.push(batch)).then(() => performance.now() - started);
  // Awaited together, so a failing side fails the bench and the other's failure is handled too.
  const [elapsed] = await Promise.all([uploading, reading]);
  const lags = acknowledged.map(({ batch, acknowledgedAt }) => Math.max(...batch.map((fact) => arrivedAt.get(fact.factId)!)) - acknowledgedAt);
  const { p50, p99, max } = summary(lags);
  line(title, `${count(factsOf(senders))} facts in ${(elapsed / 1000).toFixed(2)} s = ${rate(factsOf(senders), elapsed)}`);
  line(`  feed lag, 200 OK to the reader (${lags.length} batches)`, `p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(max)}, min ${ms(Math.min(...lags))}`);
}

async function run(postgres: PrivatePostgres, started: (hub: HubProcess) => void): Promise<void> {
  const store = createStore(postgres.url);
  await store.migrate();
  const warmUp = await enrolStations(store, 'WARM', 1, 1, 10);
  const scenarios = [];
  for (const stations of STATION_COUNTS) {
    scenarios.push(await enrolStations(store, `S${stations}`, stations, STATIONS_PER_SITE, FACTS_PER_SCENARIO / BATCH_SIZE / stations));
  }
  const senders = await enrolStations(store, 'LAG', LAG_STATIONS, STATIONS_PER_SITE, LAG_BATCHES_PER_STATION);
  const readers = await enrolReaders(store, senders);
  const loneSender = await enrolStations(store, 'LONE', 1, 1, LONE_BATCHES);
  const loneReader = await enrolReaders(store, loneSender);
  await store.close();
  const hub = await startHubProcess(postgres.url);
  started(hub);

  await hubIngest(hub, warmUp);
  await rawIngest(postgres.url, warmUp);
  line(`facts in batches of ${BATCH_SIZE}, ${STATIONS_PER_SITE} stations to a site`, `${count(FACTS_PER_SCENARIO)} facts each`);
  for (const stations of scenarios) {
    const sites = new Set(stations.map((station) => station.sender.siteCode)).size;
    const hubRun = await hubIngest(hub, stations);
    const rawRun = await rawIngest(postgres.url, stations);
    line(
      `${stations.length} station${stations.length > 1 ? 's' : ''} (${sites} site${sites > 1 ? 's' : ''}), hub`,
      `${(hubRun.elapsed / 1000).toFixed(2)} s = ${rate(FACTS_PER_SCENARIO, hubRun.elapsed)}, ${latencies(hubRun.samples)}, hub process ${(hubRun.hubCpu * 100).toFixed(0)} % of a core`,
    );
    line(
      `  baseline: raw INSERTs, ${stations.length} connection${stations.length > 1 ? 's' : ''}`,
      `${(rawRun.elapsed / 1000).toFixed(2)} s = ${rate(FACTS_PER_SCENARIO, rawRun.elapsed)}, ${latencies(rawRun.samples)}`,
    );
    line('  the hub\'s rate, as a share of the raw INSERTs\'', `${((rawRun.elapsed / hubRun.elapsed) * 100).toFixed(1)} %`);
  }
  await feedLag(`${LAG_STATIONS} stations (${readers.length} sites) uploading, a reader a site`, hub.url, senders, readers);
  await feedLag('  baseline: 1 station uploading alone, a reader', hub.url, loneSender, loneReader);
  const trip = await hubRoundTrips(hub.url);
  line('  baseline: bare HTTP round trip to the hub', `p50 ${ms(trip.p50)}, p99 ${ms(trip.p99)}`);
}

async function main(): Promise<void> {
  line('machine: cores, load average (1 min) at the start', `${os.cpus().length}, ${os.loadavg()[0].toFixed(2)}`);
  const postgres = await startPostgres({ maxConnections: MAX_CONNECTIONS });
  let hub: HubProcess | null = null;
  const cleanUp = async () => {
    await hub?.stop();
    await postgres.stop();
  };
  // Interrupted, it still stops the hub and removes the cluster's folder.
  const interrupted = () => void cleanUp().finally(() => process.exit(130));
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    await run(postgres, (started) => (hub = started));
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await cleanUp();
  }
  line('machine: load average (1 min) at the end', os.loadavg()[0].toFixed(2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
