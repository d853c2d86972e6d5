// Backups written by SQLite itself (never a copy of the -wal file), in the background worker (background/worker.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database';

/**
 * VACUUM INTO writes a consistent, compacted copy encrypted with the database's own key: SQLite's online backup API
 * cannot copy an encrypted database, and a plaintext backup would undo the encryption.
 */
export async function backupTo(db: Db, file: string): Promise<void> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial`;
  // VACUUM INTO refuses a file that exists: a partial one left by a crash is taken over.
  fs.rmSync(partial, { force: true });
  db.prepare('VACUUM INTO ?').run(partial);
  // Renamed only once complete, so a crash mid-backup never leaves a file that looks whole.
  fs.renameSync(partial, file);
}

export const BACKUP_EVERY_MS = 30 * 60_000;
export const BACKUPS_KEPT = 48;

/** Writes a timestamped backup into `dir` and keeps the newest `keep` (1: the new one alone). */
export async function rotateBackups(db: Db, dir: string, keep: number, now = () => new Date()): Promise<void> {
  const name = `swabdesk-${now().toISOString().replaceAll(':', '-')}.db`;
  await backupTo(db, path.join(dir, name));
  const backups = fs.readdirSync(dir).filter((f) => /^swabdesk-.*\.db$/.test(f)).sort();
  for (const old of backups.slice(0, Math.max(0, backups.length - keep))) fs.rmSync(path.join(dir, old));
}
