// A community's roster of 100,000 people on an encrypted station, as a manager imports it and as the desks meet it:
//   1. the XLSX ledger read (roster.open, in the background worker) and imported (roster.import: the roster's next
//      version built in transactions of 25 people, then shown in one) through the core's channels as the manager
//      window calls them, each in a child process of its own so that its peak memory (maxRSS) is its own; beside
//      it, in the same run, exceljs alone reading the same file (the floor under the reading) and the same rows
//      inserted into a plain table without triggers in one transaction (the floor under the import);
//   2. a clerk scanning every 20 ms meanwhile, on the main thread every scan goes through: scan to commit and the
//      longest block of that thread during the reading and during the import, beside the same scans idle just before;
//   3. the coverage view after a scan of a roster person: the scan's commit (with the triggers that count it) and
//      the coverage read, beside the same scans on a station without a roster and the counts' rows read alone.
//   4. the round set back 60 days (the manager's call), the roster counted again for it in the background worker,
//      then retention purging it there, while the clerk scans, beside the same scans idle just before.
//
// BENCH_PEOPLE sets a smaller roster for a quick try.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import Database from 'better-sqlite3-multiple-ciphers';
import ExcelJS from 'exceljs';
import type { CallResult } from '../src-main/core/contract';
import { createCore, DATABASE_FILE, type Core } from '../src-main/core/core';
import { applyPragmas } from '../src-main/core/db/database';
import { CHECKPOINT_EVERY_MS } from '../src-main/core/maintenance/wal';
import { CLERK, CLERK_PIN, MANAGER, MANAGER_PIN } from '../tests/fixtures/identities';
import { openLedger } from '../tests/fixtures/ledgerParts';
import { ROSTER_HEADER } from '../tests/fixtures/rosterFile';
import { seededIdNumber, seededPersonCode } from './seedRegistrations';
import { line, ms, summary } from './stats';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const KEY = 'bench-site-passphrase';
const GRIDS = 20;
const BUILDINGS_PER_GRID = 25;
/** A busy desk, as in the background-work bench: many scans fall inside every step of the import. */
const SCAN_EVERY_MS = 20;
const IDLE_MS = 10_000;
const COVERAGE_SCANS = 600;
/** The desks of part 2 scan people who are not on the roster (visitors); part 3 scans roster people 0, 1, … */
const FIRST_VISITOR = 500_000;
const LEDGER_NAME = '社区台账.xlsx';

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '秀英', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚'];

/** Person n of the community: 20 grids of 25 buildings, 4 units of 18 floors, one in six over 60, a few bedridden. */
function rosterRow(n: number): string[] {
  const grid = n % GRIDS;
  const inGrid = Math.floor(n / GRIDS);
  const building = (inGrid % BUILDINGS_PER_GRID) + 1;
  const household = Math.floor(inGrid / BUILDINGS_PER_GRID);
  const tag = n % 97 === 0 ? '卧床' : n % 6 === 0 ? '60岁以上' : n % 23 === 0 ? '孕产妇' : '';
  return [
    SURNAMES[n % SURNAMES.length] + GIVEN[Math.floor(n / SURNAMES.length) % GIVEN.length],
    seededIdNumber(n),
    `139${String(n).padStart(8, '0')}`,
    `第${grid + 1}网格`,
    `${building}栋`,
    `${(household % 4) + 1}单元`,
    `${(Math.floor(household / 4) % 18) + 1}0${(household % 2) + 1}`,
    tag,
  ];
}

/** The ledger as a grid worker's Excel saves it (shared strings, ID numbers as text), written by exceljs's streaming writer. */
async function writeLedger(file: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: false });
  const sheet = workbook.addWorksheet('台账');
  sheet.addRow(ROSTER_HEADER).commit();
  for (let n = 0; n < PEOPLE; n++) sheet.addRow(rosterRow(n)).commit();
  sheet.commit();
  await workbook.commit();
}

function value<T>(result: CallResult<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
}

/** A new station with its first manager signed in at the manager window and a clerk at desk 1, both listening. */
function openStation(dataDir: string): Core {
  const core = createCore({ dataDir, key: KEY });
  core.admin.scheduleCheckpoints(CHECKPOINT_EVERY_MS);
  value(core.call(MANAGER, 'session.firstManager', { name: '测试负责人', pin: MANAGER_PIN }));
  const clerk = value(core.call(MANAGER, 'site.saveOperator', { name: '测试登记员', role: 'clerk', pin: CLERK_PIN }));
  if (clerk.result !== 'saved') throw new Error(JSON.stringify(clerk));
  const signedIn = value(core.call(CLERK, 'session.signIn', { operatorId: clerk.operator.id, pin: CLERK_PIN }));
  if (signedIn.result !== 'signed-in') throw new Error(JSON.stringify(signedIn));
  core.subscribe(MANAGER, () => undefined);
  core.subscribe(CLERK, () => undefined);
  return core;
}

async function closeStation(core: Core): Promise<void> {
  await core.admin.stopBackgroundWork();
  core.close();
}

/** A desk scanning people from `first` on, a new tube before every tenth. */
function createDesk(core: Core, first: number) {
  let person = first;
  let tube = 0;
  return {
    /** One person scanned: the time core.call took, which includes the commit; null when it was not saved. */
    scan(): number | null {
      if ((person - first) % 10 === 0) {
        const opened = value(core.call(CLERK, 'clerk.scan', { text: String(90_000_000_000 + first + tube++) }));
        if (opened.result !== 'tube-opened') throw new Error(JSON.stringify(opened));
      }
      const started = performance.now();
      const result = core.call(CLERK, 'clerk.scan', { text: seededPersonCode(person++) });
      const took = performance.now() - started;
      if (result.ok && result.value.result === 'person-added') return took;
      if (result.ok) throw new Error(JSON.stringify(result.value));
      return null;
    },
    /** Seals a tube left part full, so that another desk's run on this station starts with a tube of its own. */
    sealPartTube(): void {
      if ((person - first) % 10 !== 0) value(core.call(CLERK, 'clerk.sealNow'));
    },
  };
}

interface DeskWindow {
  scans: number[];
  /** Scans the station answered "not saved" (the database stayed locked past its busy timeout). */
  unsaved: number;
  blockMax: number;
  blockP99: number;
  ms: number;
}

/** The desk scans every SCAN_EVERY_MS until stopped; `cut` closes one window of measurement and opens the next. */
function keepScanning(core: Core, first: number) {
  const desk = createDesk(core, first);
  let window = { scans: [] as number[], unsaved: 0, started: performance.now(), delay: monitorEventLoopDelay({ resolution: 1 }) };
  window.delay.enable();
  let done = false;
  const loop = (async () => {
    while (!done) {
      const took = desk.scan();
      if (took === null) window.unsaved++;
      else window.scans.push(took);
      await new Promise((resolve) => setTimeout(resolve, SCAN_EVERY_MS));
    }
  })();
  function cut(): DeskWindow {
    const closed = window;
    closed.delay.disable();
    window = { scans: [], unsaved: 0, started: performance.now(), delay: monitorEventLoopDelay({ resolution: 1 }) };
    window.delay.enable();
    const { scans, unsaved, delay } = closed;
    return { scans, unsaved, blockMax: delay.max / 1e6, blockP99: delay.percentile(99) / 1e6, ms: performance.now() - closed.started };
  }
  return {
    cut,
    async stop(): Promise<void> {
      done = true;
      await loop;
      window.delay.disable();
      desk.sealPartTube();
    },
  };
}

interface ChildReport {
  /** The reading (roster.open, or exceljs alone) and the writing (roster.import, or the plain INSERTs), in ms. */
  readMs: number;
  writeMs: number;
  rows: number;
  /** maxRSS in KiB after setup (station open, file in memory), and at the end. */
  setupRss: number;
  peakRss: number;
}

const CHILDREN = ['exceljs-alone', 'plain-insert', 'roster-import'] as const;
type Child = (typeof CHILDREN)[number];

/** The floor under the reading: the workbook loaded as the station's reader loads it, each row's values taken. */
async function exceljsAlone(ledger: string): Promise<ChildReport> {
  const bytes = fs.readFileSync(ledger);
  const setupRss = process.resourceUsage().maxRSS;
  const started = performance.now();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as Parameters<ExcelJS.Xlsx['load']>[0]);
  let rows = 0;
  for (const worksheet of workbook.worksheets) {
    for (let number = 2; number <= worksheet.rowCount; number++) if ((worksheet.getRow(number).values as unknown[]).length > 1) rows++;
  }
  return { readMs: performance.now() - started, writeMs: 0, rows, setupRss, peakRss: process.resourceUsage().maxRSS };
}

/** The floor under the import: the same rows into a table of the roster's columns, no index or trigger, one transaction. */
function plainInsert(dataDir: string): ChildReport {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  db.key(Buffer.from(KEY, 'utf8'));
  applyPragmas(db);
  db.exec(`CREATE TABLE people (id TEXT PRIMARY KEY, name TEXT, doc_number TEXT, phone TEXT, grid TEXT, building TEXT, unit TEXT, room TEXT, tags TEXT) STRICT`);
  const rows = Array.from({ length: PEOPLE }, (_, n) => rosterRow(n));
  const insert = db.prepare('INSERT INTO people VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const setupRss = process.resourceUsage().maxRSS;
  const started = performance.now();
  db.transaction(() => {
    for (const [name, id, phone, grid, building, unit, room, tag] of rows) {
      insert.run(crypto.randomUUID(), name, id, phone, grid, building, unit, room, JSON.stringify(tag ? [tag] : []));
    }
  }).immediate();
  const writeMs = performance.now() - started;
  db.close();
  return { readMs: 0, writeMs, rows: rows.length, setupRss, peakRss: process.resourceUsage().maxRSS };
}

/** The manager window's import: the file read into a preview, then its good rows imported. */
async function rosterImport(dataDir: string, ledger: string): Promise<ChildReport> {
  const core = openStation(dataDir);
  const bytes = fs.readFileSync(ledger);
  const setupRss = process.resourceUsage().maxRSS;
  const opening = performance.now();
  const preview = value(await openLedger(core, bytes, LEDGER_NAME));
  const importing = performance.now();
  const imported = value(await core.callAsync(MANAGER, 'roster.import', { fileId: preview.fileId }));
  const done = performance.now();
  if (preview.refusedCount !== 0 || imported.added !== PEOPLE) throw new Error(`Imported ${JSON.stringify(imported)}, refused ${JSON.stringify(preview.refused.slice(0, 3))}`);
  await closeStation(core);
  return { readMs: importing - opening, writeMs: done - importing, rows: imported.added, setupRss, peakRss: process.resourceUsage().maxRSS };
}

function runChild(child: Child, dir: string, ledger: string): ChildReport {
  const run = spawnSync(process.execPath, [process.argv[1], 'child', child, path.join(dir, child), ledger], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`${child} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout) as ChildReport;
}

const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
const rate = (rows: number, took: number) => Math.round(rows / (took / 1000)).toLocaleString('en');

function printImports(reports: Map<Child, ChildReport>): void {
  console.log(`\n${'step'.padEnd(52)}${'rows'.padStart(9)}${'time'.padStart(13)}${'rows/s'.padStart(10)}${'setup RSS'.padStart(11)}${'peak RSS'.padStart(10)}`);
  const row = (label: string, rows: number, took: number, report?: ChildReport) =>
    console.log(
      `${label.padEnd(52)}${String(rows).padStart(9)}${ms(took).padStart(13)}${rate(rows, took).padStart(10)}` +
        `${(report ? mib(report.setupRss) : '').padStart(11)}${(report ? mib(report.peakRss) : '').padStart(10)}`,
    );
  const alone = reports.get('exceljs-alone')!;
  const plain = reports.get('plain-insert')!;
  const station = reports.get('roster-import')!;
  row('baseline: exceljs alone reads the XLSX', alone.rows, alone.readMs, alone);
  row('reading: roster.open (worker: read, check, preview)', station.rows, station.readMs);
  row('baseline: INSERT into a plain table, one transaction', plain.rows, plain.writeMs, plain);
  row('import: roster.import (built in chunks, shown at once)', station.rows, station.writeMs);
  row('roster.open + roster.import (one process)', station.rows, station.readMs + station.writeMs, station);
}

function deskLine(label: string, window: DeskWindow): void {
  const scans = summary(window.scans);
  const unsaved = window.unsaved > 0 ? `, ${window.unsaved} NOT SAVED` : '';
  line(
    label,
    `${(window.ms / 1000).toFixed(1)} s; block max ${ms(window.blockMax)}, p99 ${ms(window.blockP99)}; scan to commit (n=${window.scans.length}${unsaved}) ` +
      `p50 ${ms(scans.p50)}, p99 ${ms(scans.p99)}, max ${ms(scans.max)}`,
  );
}

/** Part 2: the desk scanning idle, then while the manager's import reads the ledger, then while it writes it. */
async function desksDuringImport(core: Core, ledger: string): Promise<void> {
  const bytes = fs.readFileSync(ledger);
  const desk = keepScanning(core, FIRST_VISITOR);
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  const idle = desk.cut();
  const preview = value(await openLedger(core, bytes, LEDGER_NAME));
  const reading = desk.cut();
  const imported = value(await core.callAsync(MANAGER, 'roster.import', { fileId: preview.fileId }));
  const importing = desk.cut();
  await desk.stop();
  if (imported.added !== PEOPLE) throw new Error(`Imported ${JSON.stringify(imported)}`);
  console.log();
  deskLine('desk idle, just before', idle);
  deskLine('desk while roster.open reads the ledger', reading);
  deskLine('desk while roster.import writes it', importing);
}

/**
 * Part 4: the round set 60 days back (the manager's call, timed), the roster counted again for it in the background,
 * then retention purges the roster, each while the desk scans.
 */
async function desksDuringRoundAndPurge(core: Core): Promise<void> {
  const longAgo = new Date(Date.now() - 60 * 24 * 60 * 60_000).toISOString().slice(0, 10);
  const desk = keepScanning(core, FIRST_VISITOR + 100_000);
  await new Promise((resolve) => setTimeout(resolve, IDLE_MS));
  const idle = desk.cut();
  const settingRound = performance.now();
  value(core.call(MANAGER, 'roster.setRound', { firstDay: longAgo, lastDay: longAgo }));
  const roundMs = performance.now() - settingRound;
  await core.admin.recountRoster();
  const recounting = desk.cut();
  if (value(core.call(MANAGER, 'roster.coverage')).total.sampled !== 0) throw new Error('The roster was not counted again for the round.');
  // Nothing was sent to a platform, so no registration is purged: the count is the roster's people.
  const purged = await core.admin.purge(null, 'bench');
  const purging = desk.cut();
  await desk.stop();
  if (purged !== PEOPLE) throw new Error(`Purged ${purged}`);
  console.log();
  line(`roster.setRound 60 days back, ${PEOPLE.toLocaleString('en')} people (manager's call)`, ms(roundMs));
  deskLine('desk idle, just before', idle);
  deskLine('desk while the roster is counted again for the round', recounting);
  deskLine('desk while retention purges the roster', purging);
}

/** Part 3: scans of roster people, each followed by the coverage read, beside a station without a roster. */
async function coverageAfterScans(rosterStation: Core, rosterDir: string, plainStation: Core): Promise<void> {
  const withRoster = createDesk(rosterStation, 0);
  const withoutRoster = createDesk(plainStation, 0);
  const counts = new Database(path.join(rosterDir, DATABASE_FILE), { readonly: true });
  counts.key(Buffer.from(KEY, 'utf8'));
  const readCounts = counts.prepare('SELECT * FROM roster_counts');
  const samples = { scan: [] as number[], coverage: [] as number[], plainScan: [] as number[], counts: [] as number[] };
  const sampledBefore = value(rosterStation.call(MANAGER, 'roster.coverage')).total.sampled;
  let countRows = 0;
  for (let i = 0; i < COVERAGE_SCANS; i++) {
    const scan = withRoster.scan();
    const reading = performance.now();
    value(rosterStation.call(MANAGER, 'roster.coverage'));
    samples.coverage.push(performance.now() - reading);
    const plainScan = withoutRoster.scan();
    if (scan === null || plainScan === null) throw new Error('A scan was not saved.');
    samples.scan.push(scan);
    samples.plainScan.push(plainScan);
    const alone = performance.now();
    countRows = readCounts.all().length;
    samples.counts.push(performance.now() - alone);
    await new Promise((resolve) => setTimeout(resolve, SCAN_EVERY_MS));
  }
  counts.close();
  const sampled = value(rosterStation.call(MANAGER, 'roster.coverage')).total.sampled - sampledBefore;
  if (sampled !== COVERAGE_SCANS) throw new Error(`The coverage counted ${sampled} of ${COVERAGE_SCANS} roster people scanned.`);
  const show = (label: string, taken: number[]) => {
    const { p50, p99, max } = summary(taken);
    line(label, `p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(max)}`);
  };
  console.log(`\n${COVERAGE_SCANS} scans of roster people, each followed by the coverage read (${countRows} counts rows):`);
  show('scan to commit, roster of ' + PEOPLE.toLocaleString('en') + ' (triggers count it)', samples.scan);
  show('roster.coverage read after it', samples.coverage);
  const both = samples.scan.map((scan, i) => scan + samples.coverage[i]);
  show('scan to coverage read, the two together', both);
  show('baseline: the same scans, station without a roster', samples.plainScan);
  show('baseline: SELECT * FROM roster_counts alone', samples.counts);
}

async function main(): Promise<void> {
  const [role, child, dataDir, ledger] = process.argv.slice(2);
  if (role === 'child') {
    const report = child === 'exceljs-alone' ? await exceljsAlone(ledger) : child === 'plain-insert' ? plainInsert(dataDir) : await rosterImport(dataDir, ledger);
    process.stdout.write(JSON.stringify(report));
    return;
  }
  const dir = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'swabdesk-roster-'));
  try {
    console.log(`Node ${process.version}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; scratch in ${dir}`);
    const file = path.join(dir, LEDGER_NAME);
    const writing = performance.now();
    await writeLedger(file);
    line(`writing the ledger: ${PEOPLE.toLocaleString('en')} rows, XLSX (exceljs streaming)`, `${ms(performance.now() - writing)}, ${(fs.statSync(file).size / 2 ** 20).toFixed(1)} MiB`);

    const reports = new Map(CHILDREN.map((child) => [child, runChild(child, dir, file)] as const));
    printImports(reports);

    const rosterDir = path.join(dir, 'station');
    const rosterStation = openStation(rosterDir);
    const plainStation = openStation(path.join(dir, 'no-roster'));
    try {
      await desksDuringImport(rosterStation, file);
      await coverageAfterScans(rosterStation, rosterDir, plainStation);
      await desksDuringRoundAndPurge(rosterStation);
    } finally {
      await closeStation(rosterStation);
      await closeStation(plainStation);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
