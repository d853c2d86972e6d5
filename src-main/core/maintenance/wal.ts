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
 * Then empties it. TRUNCATE holds new commits and waits for readers until it is done: from the worker, while a
 * desk's commit waited for it and it for the desk's read, the two retried each other for 20 ms. On the desks' own
 * connection, between two scans, it waits for nobody, and after checkpointWal it has next to nothing to copy.
 */
export function truncateWal(db: Db): void {
  db.pragma('wal_checkpoint(TRUNCATE)');
}
