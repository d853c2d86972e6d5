// Power-cut durability: a writer process is killed with SIGKILL at random moments, over and over. After every
// restart, every registration it acknowledged is there, the database is intact, the audit chain verifies,
// and nothing was stored twice.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { rolldown } from 'rolldown';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/core/core';
import { verifyAudit } from '../../src-main/core/facts/audit';
import { NEWEST_VERSION, schemaVersion } from '../../src-main/core/db/migrations';
import { tempDir } from '../fixtures/tempCore';

const KILLS = 1000;
let work: string;
let writer: string;

beforeAll(async () => {
  work = tempDir('swabdesk-crash-');
  writer = path.join(work, 'bundle', 'writer.cjs');
  const bundle = await rolldown({
    input: path.resolve(__dirname, '../crash/writer.ts'),
    platform: 'node',
    external: [/^node:/, 'better-sqlite3-multiple-ciphers', 'zod', 'exceljs', 'csv-stringify'],
  });
  await bundle.write({ dir: path.dirname(writer), format: 'cjs', entryFileNames: 'writer.cjs' });
}, 60_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/**
 * Runs the writer and kills it: `afterFirstAck` ms after its first acknowledged registration (in the middle of
 * writing), or, when `afterFirstAck` is null, at a random moment of its start (opening, recovering, migrating).
 * Returns the ID numbers it acknowledged.
 */
function runAndKill(dataDir: string, afterFirstAck: number | null): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, dataDir], {
      stdio: ['ignore', 'pipe', 'pipe'],
      // The bundle sits in a temporary folder; its packages come from the project's node_modules.
      env: { ...process.env, NODE_PATH: path.resolve(__dirname, '../../node_modules') },
    });
    let out = '';
    let err = '';
    let timer = afterFirstAck === null ? setTimeout(() => child.kill('SIGKILL'), Math.random() * 400) : undefined;
    child.stdout.on('data', (chunk) => {
      out += chunk;
      // Timed from its first acknowledgement, not from a guess at when it starts writing: on a busy machine the
      // first commit after a start may come late.
      if (afterFirstAck !== null && timer === undefined && out.includes('\nACK ')) {
        timer = setTimeout(() => child.kill('SIGKILL'), afterFirstAck);
      }
    });
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`the writer stopped by itself:\n${err}`));
      // A line cut by the kill was never a whole acknowledgement.
      else resolve([...out.matchAll(/^ACK (\S{18})$/gm)].map((m) => m[1]));
    });
  });
}

/** Kills a writer `kills` times over one data folder and checks the database after every kill. */
async function lane(dataDir: string, kills: number): Promise<{ acknowledged: number; killedMidRun: number }> {
  const acknowledged = new Set<string>();
  let killedMidRun = 0;
  for (let run = 0; run < kills; run++) {
    // One run in five dies while starting; the others up to 30 ms after their first acknowledgement (a commit takes
    // about half a millisecond here: a longer window only grows the database every check reads again).
    const acks = await runAndKill(dataDir, run % 5 === 0 ? null : Math.random() * 30);
    for (const id of acks) acknowledged.add(id);
    if (acks.length > 0) killedMidRun++;
    if (!fs.existsSync(path.join(dataDir, DATABASE_FILE))) {
      // Killed before it created the database: then it cannot have acknowledged anything.
      expect(acknowledged.size).toBe(0);
      continue;
    }
    checkAfterRestart(path.join(dataDir, DATABASE_FILE), acknowledged, run);
  }
  return { acknowledged: acknowledged.size, killedMidRun };
}

function checkAfterRestart(file: string, acknowledged: Set<string>, run: number): void {
  const db = new Database(file);
  try {
    expect(db.pragma('integrity_check', { simple: true }), `run ${run}`).toBe('ok');
    // Killed between two migrations (each commits on its own): the next start goes on from there. It cannot have
    // acknowledged anything yet, since it writes only once every migration is done.
    if (schemaVersion(db) < NEWEST_VERSION) {
      expect(acknowledged.size, `run ${run}: acknowledged before the schema was complete`).toBe(0);
      return;
    }
    const stored = new Set(db.prepare("SELECT doc_number FROM registrations WHERE status = 'active'").pluck().all() as string[]);
    expect([...acknowledged].filter((id) => !stored.has(id)), `run ${run}: acknowledged but lost`).toEqual([]);
    const counts = db
      .prepare(
        `SELECT (SELECT count(*) FROM registrations) AS registrations,
                (SELECT count(*) FROM audit WHERE kind = 'person.added') AS added,
                (SELECT count(*) FROM outbox WHERE kind = 'person.added') AS queued,
                (SELECT count(*) FROM (SELECT tube_id, doc_number FROM registrations GROUP BY 1, 2 HAVING count(*) > 1)) AS twice`,
      )
      .get() as Record<string, number>;
    expect(counts.twice, `run ${run}: a person stored twice in a tube`).toBe(0);
    expect([counts.added, counts.queued], `run ${run}: one fact and one outbox row per registration`).toEqual([
      counts.registrations,
      counts.registrations,
    ]);
    expect(verifyAudit(db), `run ${run}`).toMatchObject({ ok: true });
  } finally {
    db.close();
  }
}

it(`loses no acknowledged registration over ${KILLS} SIGKILLs`, async () => {
  // Two lanes, one per core, each with its own database.
  const lanes = await Promise.all([lane(path.join(work, 'a'), KILLS / 2), lane(path.join(work, 'b'), KILLS / 2)]);
  const killedMidRun = lanes[0].killedMidRun + lanes[1].killedMidRun;
  const acknowledged = lanes[0].acknowledged + lanes[1].acknowledged;
  // The kills must have landed while the writer was writing, not only before it started.
  expect(killedMidRun).toBeGreaterThan(KILLS / 2);
  expect(acknowledged).toBeGreaterThan(KILLS);
  console.log(`${KILLS} kills, ${killedMidRun} in the middle of writing, ${acknowledged} acknowledged registrations, all present`);
}, 20 * 60_000);
