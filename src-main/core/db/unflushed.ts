// Bulk work in the background worker commits without flushing, so the write lock a desk's scan waits for is held
// only while a chunk writes, not while the disk flushes it too.
import type { Db } from './db';

/**
 * Runs `work` with the connection's commits unflushed (synchronous=NORMAL in WAL mode), then flushed again. Only for
 * work that is safe to lose to a power cut and do again, and whose result is made durable by a flushed commit after
 * it: the WAL is one file, so that flush makes every commit before it durable too.
 */
export async function unflushed<T>(db: Db, work: () => Promise<T>): Promise<T> {
  db.pragma('synchronous = NORMAL');
  try {
    return await work();
  } finally {
    db.pragma('synchronous = FULL');
  }
}
