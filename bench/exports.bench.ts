// Exports of 100,000 registrations (an encrypted station, as every station is) to each format, each in a child process of its own so that its peak memory
// (maxRSS) is its own: the day's registrations as CSV and XLSX (streamed), and the handover manifest of those
// 10,000 tubes in 500 bags as CSV and XLSX, and as PDF printed by Chromium (its processes' memory sampled while it
// prints). Beside them, measured in the same run: reading the same rows without writing (the floor under every
// export), and the disk's raw write speed for the CSV's bytes.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import Database from 'better-sqlite3-multiple-ciphers';
import { localDay } from '../src-main/core/clock';
import { createCore, DATABASE_FILE } from '../src-main/core/core';
import { checkCharacter } from '../src-main/core/domain/residentId';
import { manifestCsv, manifestXlsx } from '../src-main/core/export/manifestFiles';
import { exportRows } from '../src-main/core/export/registrations';
import { createManifests } from '../src-main/core/transport/manifest';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/e2e/chromium';
import { line, ms } from './stats';

const PEOPLE = 100_000;
const PER_TUBE = 10;
const TUBES_PER_BAG = 20;
const NUMBER = 'BENCH-001';
/** Encrypted, as every station is. */
const KEY = 'bench-site-passphrase';
const FORMATS = ['read-only', 'day-csv', 'day-xlsx', 'manifest-csv', 'manifest-xlsx'] as const;
type Format = (typeof FORMATS)[number];

interface ChildReport {
  ms: number;
  /** maxRSS in KiB after setup (database open, nothing exported yet), and at the end. */
  setupRss: number;
  peakRss: number;
  bytes: number;
  rows: number;
}

function idNumber(n: number): string {
  const birth = new Date(Date.UTC(1940, 0, 1 + (n % 25_000)));
  const first17 = `110101${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(Math.floor(n / 25_000)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** The station's database opened straight, keyed as the station keys it. */
function openKeyed(dataDir: string, readonly = false): Database.Database {
  const db = new Database(path.join(dataDir, DATABASE_FILE), { readonly });
  db.key(Buffer.from(KEY, 'utf8'));
  return db;
}

/** Today's 100,000 registrations in sealed tubes of 10, packed 20 tubes a bag, all handed over in one manifest. */
function seed(dataDir: string, day: string): void {
  createCore({ dataDir, key: KEY }).close();
  const db = openKeyed(dataDir);
  const at = new Date().toISOString();
  const handover = db.prepare(
    "INSERT INTO handovers (id, number, courier_name, courier_phone, vehicle, temperature, handed_at, day) VALUES ('h', ?, '李师傅', '13900001111', '京A12345', 4.5, ?, ?)",
  );
  const bag = db.prepare("INSERT INTO bags (id, barcode, capacity, status, opened_at, sealed_at, handover_id, day) VALUES (?, ?, 20, 'sealed', ?, ?, 'h', ?)");
  const tube = db.prepare(
    "INSERT INTO tubes (id, barcode, desk, capacity, status, seal_reason, opened_at, closed_at, day) VALUES (?, ?, '1', 10, 'sealed', 'full', ?, ?, ?)",
  );
  const packed = db.prepare('INSERT INTO bag_tubes (tube_id, bag_id, packed_at) VALUES (?, ?, ?)');
  const person = db.prepare(
    `INSERT INTO registrations (id, tube_id, position, doc_type, doc_number, name, phone, created_at, day)
     VALUES (?, ?, ?, 'resident-id', ?, ?, '13800000000', ?, ?)`,
  );
  db.transaction(() => {
    handover.run(NUMBER, at, day);
    for (let i = 0; i < PEOPLE; i++) {
      const t = Math.floor(i / PER_TUBE);
      if (i % (PER_TUBE * TUBES_PER_BAG) === 0) bag.run(`b${t}`, `B${String(t).padStart(10, '0')}`, at, at, day);
      if (i % PER_TUBE === 0) {
        tube.run(`t${t}`, String(10_000_000_000 + t), at, at, day);
        packed.run(`t${t}`, `b${t - (t % TUBES_PER_BAG)}`, at);
      }
      // Every 1,000th name starts as a formula would: the exports must write it as text.
      person.run(`r${i}`, `t${t}`, (i % PER_TUBE) + 1, idNumber(i), i % 1000 === 0 ? `=测试${i}` : `测试${i}`, at, day);
    }
  })();
  db.close();
}

/** One export, in this (child) process: its time, its file's size and rows, and the peak memory around it. */
async function runChild(format: Format, dataDir: string, day: string, out: string): Promise<ChildReport> {
  const core = createCore({ dataDir, key: KEY });
  const db = openKeyed(dataDir, true);
  const setupRss = process.resourceUsage().maxRSS;
  const start = performance.now();
  let rows = 0;
  if (format === 'read-only') {
    for (const row of exportRows(db, day, false, 'zh')) if (row) rows++;
  } else if (format === 'day-csv' || format === 'day-xlsx') {
    rows = await core.admin.exportDay({ format: format === 'day-csv' ? 'csv' : 'xlsx', day, out, full: false, actor: 'bench' });
  } else {
    const manifest = createManifests(db).manifest(NUMBER)!;
    rows = manifest.totals.tubes;
    fs.writeFileSync(out, format === 'manifest-csv' ? manifestCsv(manifest, 'zh') : await manifestXlsx(manifest, 'zh'));
  }
  const elapsed = performance.now() - start;
  db.close();
  core.close();
  return { ms: elapsed, setupRss, peakRss: process.resourceUsage().maxRSS, bytes: fs.existsSync(out) ? fs.statSync(out).size : 0, rows };
}

/** The disk's own pace for a file of `bytes`: written in 64 KiB blocks and fsynced once, as the exports do. */
function rawWrite(file: string, bytes: number): number {
  const block = Buffer.alloc(64 * 1024, 0x41);
  const start = performance.now();
  const fd = fs.openSync(file, 'w');
  for (let written = 0; written < bytes; written += block.length) fs.writeSync(fd, block, 0, Math.min(block.length, bytes - written));
  fs.fsyncSync(fd);
  fs.closeSync(fd);
  return performance.now() - start;
}

/** RSS in KiB of all descendants of a process (here: the browser Playwright started), from /proc (Linux). */
function descendantsRss(root: number): number {
  const parents = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, parent] of parents) if (tree.has(parent) && !tree.has(pid)) grew = tree.add(pid).size > 0;
  }
  tree.delete(root);
  let kib = 0;
  for (const pid of tree) {
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // Gone.
    }
  }
  return kib;
}

/** The manifest's 10,000 tube rows as one HTML table, printed to PDF by Chromium: time, size, Chromium's peak RSS. */
async function manifestPdf(dataDir: string, out: string): Promise<ChildReport> {
  const db = openKeyed(dataDir, true);
  const manifest = createManifests(db).manifest(NUMBER)!;
  db.close();
  const rows = manifest.bags.flatMap((bag) => bag.tubes.map((tube) => `<tr><td>${bag.barcode}</td><td>${tube.barcode}</td><td>${tube.people}</td></tr>`));
  const html = `<!doctype html><meta charset="utf-8"><h1>交接单 ${manifest.number}</h1><table>${rows.join('')}</table>`;
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.setContent(html);
    const setupRss = descendantsRss(process.pid);
    let peakRss = setupRss;
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, descendantsRss(process.pid))), 50);
    const start = performance.now();
    await page.pdf({ path: out, format: 'A4' });
    const elapsed = performance.now() - start;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, descendantsRss(process.pid));
    return { ms: elapsed, setupRss, peakRss, bytes: fs.statSync(out).size, rows: rows.length };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const [role, format, dataDir, day, out] = process.argv.slice(2);
  if (role === 'child') {
    process.stdout.write(JSON.stringify(await runChild(format as Format, dataDir, day, out)));
    return;
  }
  const dir = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'swabdesk-exports-'));
  try {
    const data = path.join(dir, 'data');
    const today = localDay(new Date());
    const seeding = performance.now();
    seed(data, today);
    line(`seeding ${PEOPLE.toLocaleString('en')} registrations (one day, one manifest)`, ms(performance.now() - seeding));

    const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;
    const reports = new Map<Format, ChildReport>();
    for (const f of FORMATS) {
      const out = path.join(dir, `${f}.${f.endsWith('xlsx') ? 'xlsx' : 'csv'}`);
      const child = spawnSync(process.execPath, [process.argv[1], 'child', f, data, today, out], { encoding: 'utf8', maxBuffer: 1 << 20 });
      if (child.status !== 0) throw new Error(`${f} failed:\n${child.stderr}`);
      reports.set(f, JSON.parse(child.stdout) as ChildReport);
    }
    const pdf = await manifestPdf(data, path.join(dir, 'manifest.pdf'));
    const csv = reports.get('day-csv')!;
    const raw = rawWrite(path.join(dir, 'raw.bin'), csv.bytes);

    console.log(`\n${'export'.padEnd(34)}${'rows'.padStart(9)}${'time'.padStart(12)}${'rows/s'.padStart(11)}${'file'.padStart(11)}${'setup RSS'.padStart(11)}${'peak RSS'.padStart(10)}`);
    for (const [f, r] of reports) {
      const label = f === 'read-only' ? 'baseline: read the rows, no file' : f;
      console.log(
        `${label.padEnd(34)}${String(r.rows).padStart(9)}${ms(r.ms).padStart(12)}${String(Math.round(r.rows / (r.ms / 1000))).padStart(11)}` +
          `${(r.bytes ? `${(r.bytes / 1024 / 1024).toFixed(1)} MB` : '-').padStart(11)}${mib(r.setupRss).padStart(11)}${mib(r.peakRss).padStart(10)}`,
      );
    }
    console.log(
      `${'manifest-pdf (Chromium)'.padEnd(34)}${String(pdf.rows).padStart(9)}${ms(pdf.ms).padStart(12)}` +
        `${String(Math.round(pdf.rows / (pdf.ms / 1000))).padStart(11)}${`${(pdf.bytes / 1024 / 1024).toFixed(1)} MB`.padStart(11)}` +
        `${mib(pdf.setupRss).padStart(11)}${mib(pdf.peakRss).padStart(10)}`,
    );
    line(`\nbaseline: raw write + fsync of the CSV's ${(csv.bytes / 1024 / 1024).toFixed(1)} MB`, ms(raw));
    // What the files must hold: every registration (or tube), and no cell starting as a formula.
    const text = fs.readFileSync(path.join(dir, 'day-csv.csv'), 'utf8');
    const lines = text.trimEnd().split('\r\n').length - 1;
    if (lines !== PEOPLE || text.includes('"=测试')) throw new Error(`The day's CSV is wrong: ${lines} rows, or a formula cell.`);
    if (reports.get('manifest-csv')!.rows !== PEOPLE / PER_TUBE) throw new Error('The manifest lost tubes.');
    if (pdf.bytes === 0) throw new Error('No PDF was printed.');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
