// The uploader's side of the outbox: the next facts waiting, in the order they happened; the platform's answer
// applied in one transaction (acknowledged facts marked sent, refused ones held for a person); the held list and
// the way back from it. A fact is never deleted here.
import { z } from 'zod';
import type { Db } from '../db/database';
import type { Clock } from '../clock';
import type { OutboxFact } from './outboxFact';
import { storedTrouble, uploadTroubleSchema, type UploadTrouble } from './trouble';

export interface Settlement {
  /** Keys the platform took (stored now or before). */
  acknowledged: readonly string[];
  /** Keys it will not take as they are, with its reason. */
  held: readonly { factId: string; reason: string }[];
}

export const heldFactSchema = z.object({ factId: z.string(), kind: z.string(), at: z.string(), heldAt: z.string(), reason: z.string() });
type HeldFact = z.output<typeof heldFactSchema>;

export const lastAttemptsSchema = z.object({
  lastSuccessAt: z.string().nullable(),
  lastError: uploadTroubleSchema.extend({ at: z.string() }).nullable(),
});
type LastAttempts = z.output<typeof lastAttemptsSchema>;

export function createOutboxQueue(db: Db, clock: Clock) {
  const waiting = db.prepare<[number], { fact_id: string; kind: string; created_at: string; payload: string }>(
    'SELECT fact_id, kind, created_at, payload FROM outbox WHERE sent_at IS NULL AND held_at IS NULL ORDER BY seq LIMIT ?',
  );
  const markSent = db.prepare(
    'UPDATE outbox SET sent_at = ? WHERE fact_id IN (SELECT value FROM json_each(?)) AND sent_at IS NULL',
  );
  const markHeld = db.prepare(
    'UPDATE outbox SET held_at = ?, held_reason = ? WHERE fact_id = ? AND sent_at IS NULL AND held_at IS NULL',
  );
  const noteSuccess = db.prepare('UPDATE upload_status SET last_success_at = ?');
  const noteError = db.prepare('UPDATE upload_status SET last_error_at = ?, last_error = ?');
  const lastAttempts = db.prepare<[], { last_success_at: string | null; last_error_at: string | null; last_error: string | null }>(
    'SELECT last_success_at, last_error_at, last_error FROM upload_status',
  );
  const heldCount = db.prepare<[], number>('SELECT count(*) FROM outbox WHERE sent_at IS NULL AND held_at IS NOT NULL').pluck();
  const heldList = db.prepare<[number], { fact_id: string; kind: string; created_at: string; held_at: string; held_reason: string }>(
    `SELECT fact_id, kind, created_at, held_at, held_reason FROM outbox
     WHERE sent_at IS NULL AND held_at IS NOT NULL ORDER BY seq LIMIT ?`,
  );
  const release = db.prepare('UPDATE outbox SET held_at = NULL, held_reason = NULL WHERE fact_id = ? AND sent_at IS NULL');
  const releaseAll = db.prepare('UPDATE outbox SET held_at = NULL, held_reason = NULL WHERE sent_at IS NULL AND held_at IS NOT NULL');

  return {
    /** The oldest facts waiting, at most `limit`. */
    next(limit: number): OutboxFact[] {
      return waiting.all(limit).map((row) => ({
        factId: row.fact_id,
        kind: row.kind,
        at: row.created_at,
        payload: JSON.parse(row.payload) as Record<string, unknown>,
      }));
    },

    /**
     * Applies an answer; returns how many facts it moved. Only facts still waiting are touched.
     *
     * This commit alone skips its fsync (synchronous=NORMAL, WAL): losing it to a power cut only means the batch is
     * sent again and answered "duplicate", while the wait would hold up the scans behind it. The next commit of a
     * scan, at FULL, makes it durable together with its own.
     */
    settle(settlement: Settlement): number {
      const at = clock().toISOString();
      db.pragma('synchronous = NORMAL');
      try {
        return db
          .transaction(() => {
            let moved = markSent.run(at, JSON.stringify(settlement.acknowledged)).changes;
            for (const { factId, reason } of settlement.held) moved += markHeld.run(at, reason, factId).changes;
            if (settlement.acknowledged.length > 0) noteSuccess.run(at);
            return moved;
          })
          .immediate();
      } finally {
        db.pragma('synchronous = FULL');
      }
    },

    noteError(trouble: UploadTrouble): void {
      noteError.run(clock().toISOString(), JSON.stringify(trouble));
    },

    lastAttempts(): LastAttempts {
      const row = lastAttempts.get();
      return {
        lastSuccessAt: row?.last_success_at ?? null,
        lastError: row?.last_error_at ? { at: row.last_error_at, ...storedTrouble(row.last_error ?? '') } : null,
      };
    },

    heldCount: (): number => heldCount.get() ?? 0,

    held(limit: number): HeldFact[] {
      return heldList.all(limit).map((row) => ({
        factId: row.fact_id,
        kind: row.kind,
        at: row.created_at,
        heldAt: row.held_at,
        reason: row.held_reason,
      }));
    },

    /** Puts held facts back in the queue (all of them when no keys are given); returns how many. */
    release(factIds?: readonly string[]): number {
      return db
        .transaction(() => (factIds ? factIds.reduce((n, id) => n + release.run(id).changes, 0) : releaseAll.run().changes))
        .immediate();
    },
  };
}

export type OutboxQueue = ReturnType<typeof createOutboxQueue>;
