// The desks during background work: on an encrypted station of 1,000,000 registrations with their fact history
// (1.2 million facts, seeded through the station's own recorder), a clerk scans every 20 ms while the station
// backs up, purges (nothing acknowledged; nothing old enough; a day old enough) and exports, each in the background
// worker as the station runs them. Measured on the station's main thread, the one every scan goes through:
//   - its longest block and 99th percentile (perf_hooks' monitorEventLoopDelay, 1 ms resolution);
//   - scan to commit: a person's scan through core.call until it is committed (synchronous=FULL), p50 / p99 / max.
// Beside each, the same figures for the same station idle (scans only) in the same run, just before.
//
// BENCH_PEOPLE sets a smaller history for a quick try (a multiple of 10,000: one day is 10,000 people).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import Database from 'better-sqlite3-multiple-ciphers';
import { createCore, DATABASE_FILE, type Core } from '../src-main/core/core';
import { CHECKPOINT_EVERY_MS } from '../src-main/core/maintenance/wal';
import { seededPersonCode, seedRegistrations, POPULATION } from './seedRegistrations';
import { line, ms, summary } from './stats';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const DIR = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'swabdesk-bench-'));
const KEY = 'bench-site-passphrase';
const CLERK = { role: 'clerk' as const, desk: '1' };
const PIN = '2468';
/** A busy desk: a scan every 20 ms is faster than any clerk, so many scans fall inside every background step. */
const SCAN_EVERY_MS = 20;
/** How long the idle baseline scans (long enough for a steady 99th percentile: about 700 scans), and the least
 * time a quick job is repeated for. */
const WINDOW_MS = 15_000;
const DAY_MS = 24 * 60 * 60_000;
const RETENTION_DAYS = 30;

let nextPerson = POPULATION;
let nextTube = 0;

/** Opens the station's core as the station does, with the worker checkpointing, and signs the clerk in at desk 1. */
function openStation(dataDir: string, operatorId: string): Core {
  const core = createCore({ dataDir, key: KEY });
  core.admin.scheduleCheckpoints(CHECKPOINT_EVERY_MS);
  core.subscribe({ role: 'manager' }, () => undefined);
  core.subscribe(CLERK, () => undefined);
  const signedIn = core.call(CLERK, 'session.signIn', { operatorId, pin: PIN });
  if (!signedIn.ok || signedIn.value.result !== 'signed-in') throw new Error(JSON.stringify(signedIn));
  return core;
}

/** One person scanned (a new tube first every tenth): the time core.call took, which includes the commit. */
function scanOnce(core: Core): number {
  if (nextPerson % 10 === 0) core.call(CLERK, 'clerk.scan', { text: String(90_000_000_000 + nextTube++) });
  const started = performance.now();
  const result = core.call(CLERK, 'clerk.scan', { text: seededPersonCode(nextPerson++) });
  const took = performance.now() - started;
  if (!result.ok || result.value.result !== 'person-added') throw new Error(JSON.stringify(result));
  return took;
}

interface Measured {
  blockMax: number;
  blockP99: number;
  scans: number[];
  jobMs: number;
  runs: number;
}

/**
 * Scans every SCAN_EVERY_MS while `job` runs (again and again, a rest of SCAN_EVERY_MS between runs, until WINDOW_MS
 * passed, if `repeat`), or for WINDOW_MS with no job: the idle baseline.
 */
async function measure(core: Core, job: (() => Promise<unknown>) | null, repeat = true): Promise<Measured> {
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  const scans: number[] = [];
  let done = false;
  const scanning = (async () => {
    while (!done) {
      scans.push(scanOnce(core));
      await new Promise((resolve) => setTimeout(resolve, SCAN_EVERY_MS));
    }
  })();
  histogram.enable();
  const started = performance.now();
  let runs = 0;
  if (job) {
    do {
      await job();
      runs++;
      // A rest between runs, as long as between two scans: back to back, the 180,000 runs of a purge with nothing to
      // do measured the worker's answers crowding the main thread, not the purge (a station runs it once an hour).
      if (repeat) await new Promise((resolve) => setTimeout(resolve, SCAN_EVERY_MS));
    } while (repeat && performance.now() - started < WINDOW_MS);
  } else {
    await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
  }
  const jobMs = performance.now() - started;
  histogram.disable();
  done = true;
  await scanning;
  return { blockMax: histogram.max / 1e6, blockP99: histogram.percentile(99) / 1e6, scans, jobMs, runs };
}

/**
 * Every idle window's scans, pooled: the baseline each job's scan-to-commit p99 is compared with at the end. One
 * window's p99 (about 700 scans) is its seventh-slowest scan, and went from 1.66 to 5.07 ms between idle windows of
 * one run: a ratio to the window just before says more about that window than about the job.
 */
const idleScans: number[] = [];
const jobs: { label: string; p99: number }[] = [];

function report(label: string, measured: Measured): void {
  const scans = summary(measured.scans);
  if (measured.runs === 0) idleScans.push(...measured.scans);
  else jobs.push({ label, p99: scans.p99 });
  const what = measured.runs > 0 ? `${measured.runs} run(s) in ${(measured.jobMs / 1000).toFixed(1)} s; ` : '';
  line(
    label,
    `${what}block max ${ms(measured.blockMax)}, p99 ${ms(measured.blockP99)}; scan to commit (n=${measured.scans.length}) p50 ${ms(scans.p50)}, p99 ${ms(scans.p99)}, max ${ms(scans.max)}`,
  );
}

/** Changes the station's data straight in SQLite, as the bench's hand (when the platform acknowledged what). */
function acknowledge(dataDir: string, sql: string, ...values: unknown[]): void {
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  db.key(Buffer.from(KEY, 'utf8'));
  db.prepare(sql).run(...values);
  // Emptied before the station writes again: left as large as this bulk update made it, the WAL would be cut back by
  // a desk's next commit (journal_size_limit), a cost of the bench's hand, not of the station's work.
  for (let attempt = 0; (db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[])[0].busy !== 0; attempt++) {
    if (attempt === 100) throw new Error('The WAL could not be emptied after the bench changed the data.');
  }
  if (fs.statSync(path.join(dataDir, `${DATABASE_FILE}-wal`)).size !== 0) throw new Error('The WAL is not empty.');
  db.close();
}

async function main(): Promise<void> {
  console.log(`Node ${process.version}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; scratch in ${DIR}`);
  const dataDir = path.join(DIR, 'station');
  const setup = createCore({ dataDir, key: KEY });
  const added = setup.admin.saveOperator({ name: '测试', role: 'clerk', pin: PIN }, 'bench');
  if (added.result !== 'saved') throw new Error(JSON.stringify(added));
  setup.close();
  const seeding = performance.now();
  seedRegistrations(dataDir, PEOPLE, added.operator.id, KEY, true);
  line(`seeding ${PEOPLE.toLocaleString('en')} registrations with their facts, encrypted`, `${((performance.now() - seeding) / 1000).toFixed(1)} s`);
  line('database file', `${(fs.statSync(path.join(dataDir, DATABASE_FILE)).size / 2 ** 20).toFixed(0)} MiB`);

  // Retention as a site sets it, stored as the settings screen stores it.
  acknowledge(dataDir, "INSERT INTO settings (key, value) VALUES ('retentionDays', ?)", JSON.stringify(RETENTION_DAYS));
  const core = openStation(dataDir, added.operator.id);

  const backups = path.join(DIR, 'backups');
  const day = new Date(Date.now() - DAY_MS);
  const yesterday = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
  const steps: [string, () => Promise<unknown>, boolean][] = [
    ['backup (the file of one moment, copied in flushed slices)', () => core.admin.backup(path.join(backups, 'bench.db')), false],
    ['export of a day (10,000 rows), XLSX', () => core.admin.exportDay({ format: 'xlsx', day: yesterday, out: path.join(DIR, 'day.xlsx'), full: false, actor: 'bench' }), true],
    ['export of a day (10,000 rows), CSV', () => core.admin.exportDay({ format: 'csv', day: yesterday, out: path.join(DIR, 'day.csv'), full: false, actor: 'bench' }), true],
    ['purge, nothing acknowledged', () => core.admin.purge(backups, 'bench'), true],
  ];
  for (const [label, job, repeat] of steps) {
    report(`idle, before: ${label}`, await measure(core, null));
    report(label, await measure(core, job, repeat));
  }

  // Everything acknowledged a day ago: none of it is old enough yet.
  acknowledge(dataDir, 'UPDATE outbox SET sent_at = ? WHERE sent_at IS NULL', new Date(Date.now() - DAY_MS).toISOString());
  report('idle, before: purge, nothing old enough', await measure(core, null));
  report('purge, nothing old enough', await measure(core, () => core.admin.purge(backups, 'bench')));

  // The oldest day's facts acknowledged long enough ago: that day's 10,000 people go.
  const oldest = PEOPLE / 10_000;
  const oldDay = new Date(Date.now() - oldest * DAY_MS);
  const oldDayText = `${oldDay.getFullYear()}-${String(oldDay.getMonth() + 1).padStart(2, '0')}-${String(oldDay.getDate()).padStart(2, '0')}`;
  acknowledge(
    dataDir,
    `UPDATE outbox SET sent_at = ? WHERE fact_id IN (
       SELECT a.fact_id FROM audit a JOIN registrations r ON r.id = a.subject WHERE r.day = ?
       UNION SELECT a.fact_id FROM audit a JOIN tubes t ON t.id = a.subject WHERE t.day = ?)`,
    new Date(Date.now() - (RETENTION_DAYS + 1) * DAY_MS).toISOString(),
    oldDayText,
    oldDayText,
  );
  report('idle, before: purge, a day old enough', await measure(core, null));
  let purged = 0;
  report(
    'purge, a day old enough (then backups rewritten)',
    await measure(core, async () => (purged = await core.admin.purge(backups, 'bench')), false),
  );
  line('registrations purged', purged.toLocaleString('en'));
  const idle = summary(idleScans);
  line(`idle, all ${idleScans.length} scans of the idle windows pooled`, `scan to commit p50 ${ms(idle.p50)}, p99 ${ms(idle.p99)}, max ${ms(idle.max)}`);
  for (const job of jobs) line(`  ${job.label}`, `scan-to-commit p99 ${(job.p99 / idle.p99).toFixed(2)}x the pooled idle p99`);
  await core.admin.stopBackgroundWork();
  core.close();
  fs.rmSync(DIR, { recursive: true, force: true });
}

void main();
