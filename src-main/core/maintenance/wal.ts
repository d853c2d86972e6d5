// Copying the WAL into the database and emptying it, split between the worker and the desks' thread.
import type { Db } from '../db/database';

/**
 * Copies the WAL into the database without holding the desks up: twice, the second taking what the desks committed
 * during the first. Run in the worker.
 */
export function checkpointWal(db: Db): void {
  db.pragma('wal_checkpoint(PASSIVE)');
  db.pragma('wal_checkpoint(PASSIVE)');
}

/**
 * Then empties it. TRUNCATE holds new commits and waits for readers until it is done: from the worker, a desk's
 * commit waited 21 ms behind it. On the desks' own connection it waits for no other reader, and after checkpointWal
 * it has next to nothing to copy; it still blocked the desks' thread about 20 ms in the background-work bench (see
 * docs/benchmarks.md), which is not solved yet.
 */
export function truncateWal(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
