// Copying the WAL into the database and emptying it, from the background worker.
import type { Db } from '../db/database';

/**
 * How often the worker copies the WAL into the database (the desks' thread never does: see scheduleCheckpoints).
 * Often enough that the WAL starts over every second or so and never grows much past its limit
 * (journal_size_limit, db/database.ts): every megabyte cut from it later is about 0.4 ms the desks wait.
 */
export const CHECKPOINT_EVERY_MS = 1_000;

/**
 * Copies the WAL into the database without holding the desks up: twice, the second taking what the desks committed
 * during the first.
 */
export function checkpointWal(db: Db): void {
  db.pragma('wal_checkpoint(PASSIVE)');
  db.pragma('wal_checkpoint(PASSIVE)');
}

/**
 * Then empties it, so nothing it held (a purged person) stays on disk. TRUNCATE holds new commits until it is done;
 * after checkpointWal it has next to nothing to copy, and journal_size_limit (db/database.ts) keeps the file it cuts
 * small, so the desks wait no longer than for one another's commit.
 */
export function truncateWal(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
