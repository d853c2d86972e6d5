// Power cuts while a station applies its site's feed: a reader process is killed with SIGKILL at random moments,
// over and over, while another station of the site keeps uploading; every fourth kill falls, for certain, after
// one page of the feed was applied and before the next (the reader reaches the hub through a proxy that holds its
// next request). After every kill, the mirror holds exactly the other stations' facts up to its cursor, each once,
// none past it; at the end its tables equal the hub's projection.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3-multiple-ciphers';
import { rolldown } from 'rolldown';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCore, DATABASE_FILE } from '../../src-main/core/core';
import { MANAGER, signInManager, value } from '../fixtures/driver';
import { startFaultProxy } from '../fixtures/faultProxy';
import { sendBatch, type Sender } from '../fixtures/hubClient';
import { startTestHub, type TestHub } from '../fixtures/hub';
import { hubProjectionWithout, mirroredFacts, mirrorOf } from '../fixtures/mirror';
import { tubeFacts } from '../fixtures/siteFacts';
import { tempDir } from '../fixtures/tempCore';

const KILLS = 40;
const SITE = 'BJ-0202';
let work: string;
let reader: string;
let hub: TestHub;

beforeAll(async () => {
  hub = await startTestHub();
  work = tempDir('swabdesk-feed-crash-');
  reader = path.join(work, 'bundle', 'feedReader.cjs');
  const bundle = await rolldown({
    input: path.resolve(__dirname, '../crash/feedReader.ts'),
    platform: 'node',
    external: [/^node:/, 'better-sqlite3-multiple-ciphers', 'zod', 'exceljs', 'csv-stringify', 'pg'],
  });
  await bundle.write({ dir: path.dirname(reader), format: 'cjs', entryFileNames: 'feedReader.cjs' });
}, 60_000);

afterAll(async () => {
  await hub.close();
  fs.rmSync(work, { recursive: true, force: true });
});

/** Runs the reader until `stop` says so: a kill after `killAfterMs` from its start, once `held` settles, or once
 * `done()` holds. */
function runReader(dataDir: string, stop: { killAfterMs: number } | { held: Promise<void> } | { done: () => boolean }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [reader, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_PATH: path.resolve(__dirname, '../../node_modules') },
    });
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    child.stdout.on('data', () => undefined);
    const timer = 'killAfterMs' in stop ? setTimeout(() => child.kill('SIGKILL'), stop.killAfterMs) : undefined;
    if ('held' in stop) void stop.held.then(() => child.kill('SIGKILL'));
    const watch =
      'done' in stop
        ? setInterval(() => {
            if (stop.done()) child.kill('SIGKILL');
          }, 50)
        : undefined;
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      clearInterval(watch);
      if (signal !== 'SIGKILL') reject(new Error(`the reader stopped by itself:\n${err}`));
      else resolve();
    });
  });
}

function readMirror<T>(dataDir: string, read: (db: Database.Database) => T): T {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

it(`applies the feed exactly once when the station is killed ${KILLS} times while applying it`, async () => {
  const dataDir = path.join(work, 'station');
  const setup = createCore({ dataDir });
  signInManager(setup);
  value(setup.call(MANAGER, 'site.updateSettings', { siteCode: SITE, siteName: '崩溃测试点' }));
  const token = await hub.enrol(SITE, '读者');
  // While `holdAfter` is set, a feed request from past that position is held: the reader applied a page and asks
  // for the next one.
  let holdAfter: { from: number; reached: () => void } | null = null;
  const proxy = await startFaultProxy(hub.url, ({ path: requested }) => {
    const after = Number(new URL(requested, hub.url).searchParams.get('after'));
    if (holdAfter && requested.startsWith('/v1/feed') && after > holdAfter.from) {
      holdAfter.reached();
      return 'hang';
    }
    return 'pass';
  });
  expect(value(setup.call(MANAGER, 'site.saveUploadSettings', { endpoint: proxy.url, token, intervalSeconds: 1 }))).toMatchObject({ result: 'saved' });
  const stationId = readMirror(dataDir, (db) => db.prepare('SELECT id FROM site').pluck().get() as string);
  setup.close();

  const other: Sender = { siteCode: SITE, siteName: '崩溃测试点', stationId: randomUUID() };
  const otherToken = await hub.enrol(SITE, '收费处');
  const othersSeqs = async () =>
    (await hub.query<{ seq: string }>('SELECT seq FROM site_facts WHERE site_code = $1 AND station_id <> $2 ORDER BY seq', [SITE, stationId])).map((row) =>
      Number(row.seq),
    );

  let killedMidway = 0;
  let heldRuns = 0;
  let before = 0;
  for (let run = 0; run < KILLS; run++) {
    // The other PC keeps working: 40 tubes of 9 between two kills (440 facts), twice as many before a held run so
    // that its feed is more than one page (500).
    const held = run % 4 === 3;
    for (let batch = 0; batch < (held ? 2 : 1); batch++) {
      const facts = Array.from({ length: 40 }, (_, i) => tubeFacts(`${2026_0000 + run}${batch}${String(i).padStart(3, '0')}`, 9)).flat();
      expect((await sendBatch(hub.url, otherToken, other, facts)).status).toBe(200);
    }
    if (held) {
      heldRuns += 1;
      const reached = new Promise<void>((resolve) => (holdAfter = { from: before, reached: resolve }));
      await runReader(dataDir, { held: reached });
      holdAfter = null;
    } else {
      await runReader(dataDir, { killAfterMs: Math.random() * 700 });
    }

    const { cursor, seqs } = readMirror(dataDir, (db) => ({
      cursor: db.prepare('SELECT cursor FROM mirror_feed').pluck().get() as number,
      seqs: mirroredFacts(db).map((fact) => fact.seq),
    }));
    // Exactly the other PCs' facts up to the cursor, each once: nothing lost behind it, nothing applied past it.
    const expected = (await othersSeqs()).filter((seq) => seq <= cursor);
    expect(seqs).toEqual(expected);
    const head = Number((await hub.query<{ feed_seq: string }>('SELECT feed_seq FROM sites WHERE code = $1', [SITE]))[0].feed_seq);
    // This run applied part of what was there and not the rest: the kill fell while it applied.
    if (cursor > before && cursor < head) killedMidway += 1;
    before = cursor;
  }
  // At least every held run was killed after part of the feed was applied and before the rest.
  expect(killedMidway).toBeGreaterThanOrEqual(heldRuns);

  const head = Number((await hub.query<{ feed_seq: string }>('SELECT feed_seq FROM sites WHERE code = $1', [SITE]))[0].feed_seq);
  await runReader(dataDir, { done: () => readMirror(dataDir, (db) => db.prepare('SELECT cursor FROM mirror_feed').pluck().get() as number) >= head });
  const mirror = readMirror(dataDir, mirrorOf);
  expect(mirror).toEqual(await hubProjectionWithout(hub, SITE, stationId));
  expect(mirror.tubes).toHaveLength((KILLS + heldRuns) * 40);
  expect(readMirror(dataDir, mirroredFacts).map((fact) => fact.seq)).toEqual(await othersSeqs());
  await proxy.close();
  console.log(`${KILLS} kills, ${killedMidway} with the feed part applied (${heldRuns} of them held between pages)`);
}, 600_000);
