// Empties the WAL from the background worker while the desks keep committing.
import type { Db } from '../db/database';

/**
 * Copies the WAL into the database without holding the desks up (PASSIVE, twice: the second takes what the desks
 * committed during the first), then empties it (TRUNCATE). TRUNCATE holds new commits until it is done, so by then
 * it must have next to nothing left to copy: a desk waiting on it retries after 1, 2, 5, 10 ms, so a wait of a few
 * milliseconds can become one of twenty.
 */
export function emptyWal(db: Db): void {
  db.pragma('wal_checkpoint(PASSIVE)');
  db.pragma('wal_checkpoint(PASSIVE)');
  db.pragma('wal_checkpoint(TRUNCATE)');
}
