// The audit trail: append-only, each row carrying the hash of the one before, so that a changed, inserted or
// deleted row breaks the chain where it happened.
import { createHash } from 'node:crypto';
import type { Db } from '../db/database';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRow {
  seq: number;
  fact_id: string;
  at: string;
  actor: string;
  kind: string;
  subject: string;
  data: string;
  prev_hash: string;
  hash: string;
}

/** The hash of a row: every field but the hash itself, in a fixed order, after the previous row's hash. */
export function rowHash(row: Omit<AuditRow, 'hash'>): string {
  const fields = [row.seq, row.fact_id, row.at, row.actor, row.kind, row.subject, row.data, row.prev_hash];
  return createHash('sha256').update(JSON.stringify(fields)).digest('hex');
}

/** The digest a row keeps of its private part (see Fact.private). */
export function privateDigest(json: string): string {
  return createHash('sha256').update(json).digest('hex');
}

export type AuditVerdict =
  | { ok: true; rows: number; head: string }
  | { ok: false; rows: number; seq: number; problem: 'broken-link' | 'altered' };

/**
 * Walks the whole trail in order; reports the first row whose link or content does not hold, its private part
 * included while it is kept (once purged, the digest alone remains).
 */
export function verifyAudit(db: Db): AuditVerdict {
  let previous = GENESIS_HASH;
  let rows = 0;
  const privatePart = db.prepare<[string], string>('SELECT data FROM audit_private WHERE fact_id = ?').pluck();
  for (const row of db.prepare('SELECT * FROM audit ORDER BY seq').iterate() as IterableIterator<AuditRow>) {
    if (row.prev_hash !== previous) return { ok: false, rows, seq: row.seq, problem: 'broken-link' };
    if (rowHash(row) !== row.hash) return { ok: false, rows, seq: row.seq, problem: 'altered' };
    const kept = privatePart.get(row.fact_id);
    if (kept !== undefined && (JSON.parse(row.data) as { privateDigest?: string }).privateDigest !== privateDigest(kept)) {
      return { ok: false, rows, seq: row.seq, problem: 'altered' };
    }
    previous = row.hash;
    rows++;
  }
  return { ok: true, rows, head: previous };
}
