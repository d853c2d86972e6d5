// Backups of the station's database, in the background worker (background/worker.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database';
import { checkpointWal, truncateWal } from './wal';

/** Bytes copied between two flushes to disk: little enough that a desk's commit never waits long behind them. */
const SLICE_BYTES = 1024 * 1024;
/** How often the backup gives up waiting for a moment with nothing in the WAL before it says why. */
const SNAPSHOT_TRIES = 100;

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Starts a read transaction on a moment when the WAL is empty, so the database file alone is that moment's data.
 * While it lasts no checkpoint writes into the file (a reader of the file alone blocks them), so the file stays as
 * it is; the desks go on committing into the WAL meanwhile.
 */
async function holdFileSnapshot(db: Db): Promise<void> {
  const wal = `${db.name}-wal`;
  for (let attempt = 0; attempt < SNAPSHOT_TRIES; attempt++) {
    // From the worker, since the snapshot must be its own: when the desks are busy this is where they may wait.
    checkpointWal(db);
    truncateWal(db);
    db.exec('BEGIN');
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    // A commit that came between the checkpoint and the read is in the WAL and may be in the snapshot: try again.
    if (!fs.existsSync(wal) || fs.statSync(wal).size === 0) return;
    db.exec('ROLLBACK');
    await pause(attempt);
  }
  throw new Error(`The WAL never emptied for a backup in ${SNAPSHOT_TRIES} tries: the station was too busy writing.`);
}

/**
 * A consistent copy of the database as it was at one moment, byte for byte (so encrypted with the site's key, as the
 * database is). Copied a slice at a time, each flushed to disk before the next after a rest: writing the whole file
 * at once (VACUUM INTO) kept the disk busy for seconds, and every desk's commit waited behind it for its own flush.
 */
export async function backupTo(db: Db, file: string, restMs: number): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial`;
  await holdFileSnapshot(db);
  let source: number | null = null;
  let target: number | null = null;
  try {
    source = fs.openSync(db.name, 'r');
    target = fs.openSync(partial, 'w');
    const slice = Buffer.alloc(SLICE_BYTES);
    for (let at = 0; ; ) {
      const read = fs.readSync(source, slice, 0, SLICE_BYTES, at);
      if (read === 0) break;
      fs.writeSync(target, slice, 0, read, at);
      fs.fdatasyncSync(target);
      at += read;
      await pause(restMs);
    }
  } finally {
    if (source !== null) fs.closeSync(source);
    if (target !== null) fs.closeSync(target);
    // The end of the snapshot: checkpoints may write into the database file again.
    db.exec('COMMIT');
  }
  // Renamed only once complete, so a crash mid-backup never leaves a file that looks whole.
  fs.renameSync(partial, file);
}

export const BACKUP_EVERY_MS = 30 * 60_000;
export const BACKUPS_KEPT = 48;

/** Writes a timestamped backup into `dir` and keeps the newest `keep` (1: the new one alone). */
export async function rotateBackups(db: Db, dir: string, keep: number, restMs: number, now = () => new Date()): Promise<void> {
  const name = `swabdesk-${now().toISOString().replaceAll(':', '-')}.db`;
  await backupTo(db, path.join(dir, name), restMs);
  const backups = fs.readdirSync(dir).filter((f) => /^swabdesk-.*\.db$/.test(f)).sort();
  for (const old of backups.slice(0, Math.max(0, backups.length - keep))) fs.rmSync(path.join(dir, old));
}
