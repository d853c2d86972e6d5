// Scan-to-commit latency (a person's scan through the core's validated entry point, committed with
// synchronous=FULL) beside the raw fsync rate of the same disk, unencrypted and encrypted as every station is now
// (SQLite3 Multiple Ciphers), and the same scans once 1,000,000 registrations are stored (the duplicate checks:
// same person in the tube, same person today).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3-multiple-ciphers';
import { createCore, DATABASE_FILE } from '../src-main/core/core';
import { checkCharacter } from '../src-main/core/domain/residentId';
import { line, ms, summary } from './stats';

const DIR = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'swabdesk-bench-'));
const CLERK = { role: 'clerk' as const, desk: '1' };
const SCANS = 2000;
/** As the stations encrypt: a passphrase, through the cipher's key derivation. */
const KEY = 'bench-site-passphrase';

function idNumber(n: number): string {
  const birth = new Date(Date.UTC(1940, 0, 1 + (n % 25_000)));
  const first17 = `110101${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(Math.floor(n / 25_000)).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

/** The disk's own pace: 4 KiB written and fsynced, as often as it allows in two seconds. */
function fsyncRate(): number {
  const fd = fs.openSync(path.join(DIR, 'fsync.bin'), 'w');
  const block = Buffer.alloc(4096, 1);
  let count = 0;
  const end = performance.now() + 2000;
  while (performance.now() < end) {
    fs.writeSync(fd, block, 0, block.length, 0);
    fs.fsyncSync(fd);
    count++;
  }
  fs.closeSync(fd);
  return count / 2;
}

/** A clerk added (as `npm run cli -- add-operator` does) signs in at desk 1, as before any shift. */
function signIn(core: ReturnType<typeof createCore>): void {
  const added = core.admin.saveOperator({ name: '测试', role: 'clerk', pin: '2468' }, 'bench');
  if (added.result !== 'saved') throw new Error(JSON.stringify(added));
  const operatorId = added.operator.id;
  const signedIn = core.call(CLERK, 'session.signIn', { operatorId, pin: '2468' });
  if (!signedIn.ok || signedIn.value.result !== 'signed-in') throw new Error(JSON.stringify(signedIn));
}

function scanLatencies(dataDir: string, first: number, key?: string): number[] {
  const core = createCore({ dataDir, key });
  signIn(core);
  // As in a station: a manager window listens, so every scan also computes and pushes the day's totals.
  core.subscribe({ role: 'manager' }, () => undefined);
  core.subscribe(CLERK, () => undefined);
  const samples: number[] = [];
  let tube = 0;
  for (let i = 0; i < SCANS; i++) {
    if (i % 10 === 0) core.call(CLERK, 'clerk.scan', { text: String(90_000_000_000 + first + tube++) });
    const text = `测试|${idNumber(first + i)}|13800000000`;
    const start = performance.now();
    const result = core.call(CLERK, 'clerk.scan', { text });
    samples.push(performance.now() - start);
    if (!result.ok || result.value.result !== 'person-added') throw new Error(JSON.stringify(result));
  }
  core.close();
  return samples;
}

/** Stores `count` registrations of today directly, in tubes of 10, as a long day at a big site would. */
function seed(dataDir: string, count: number, key: string): void {
  createCore({ dataDir, key }).close();
  const db = new Database(path.join(dataDir, DATABASE_FILE));
  db.key(Buffer.from(key, 'utf8'));
  const today = new Date();
  const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  const tube = db.prepare(
    "INSERT INTO tubes (id, barcode, desk, capacity, status, seal_reason, opened_at, closed_at, day) VALUES (?, ?, '9', 10, 'sealed', 'full', ?, ?, ?)",
  );
  const person = db.prepare(
    `INSERT INTO registrations (id, tube_id, position, doc_type, doc_number, name, phone, created_at, day)
     VALUES (?, ?, ?, 'resident-id', ?, '测试', '13800000000', ?, ?)`,
  );
  const at = today.toISOString();
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      if (i % 10 === 0) tube.run(`t${i}`, String(10_000_000_000 + i), at, at, day);
      person.run(`r${i}`, `t${i - (i % 10)}`, (i % 10) + 1, idNumber(i), at, day);
    }
  })();
  db.close();
}

const rate = fsyncRate();
line('raw fsync rate of this disk (4 KiB write + fsync)', `${rate.toFixed(0)} /s (${ms(1000 / rate)} each)`);

const plain = summary(scanLatencies(path.join(DIR, 'plain'), 0));
line(`scan to commit, empty database, unencrypted (${SCANS} scans)`, `p50 ${ms(plain.p50)}  p99 ${ms(plain.p99)}  max ${ms(plain.max)}`);
const empty = summary(scanLatencies(path.join(DIR, 'empty'), 0, KEY));
line(`scan to commit, empty database, encrypted (${SCANS} scans)`, `p50 ${ms(empty.p50)}  p99 ${ms(empty.p99)}  max ${ms(empty.max)}`);

const seeded = path.join(DIR, 'million');
const seedStart = performance.now();
seed(seeded, 1_000_000, KEY);
line('seeding 1,000,000 registrations (encrypted)', ms(performance.now() - seedStart));
const full = summary(scanLatencies(seeded, 1_000_000, KEY));
line(`scan to commit, 1,000,000 stored, encrypted (${SCANS} scans)`, `p50 ${ms(full.p50)}  p99 ${ms(full.p99)}  max ${ms(full.max)}`);
line('scans per fsync-bound second (p50 scan vs one fsync)', `${(1000 / full.p50).toFixed(0)} vs ${rate.toFixed(0)}`);

fs.rmSync(DIR, { recursive: true, force: true });
