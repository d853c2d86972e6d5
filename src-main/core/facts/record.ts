// Every fact is written with its audit row and, when the platform must hear of it, its outbox row, inside the
// caller's transaction: the three commit together or not at all.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import type { Clock } from '../clock';
import { GENESIS_HASH, privateDigest, rowHash } from './audit';

export type FactKind =
  | 'tube.opened'
  | 'tube.discarded'
  | 'tube.sealed'
  | 'tube.reopened'
  | 'tube.voided'
  | 'person.added'
  | 'person.removed'
  | 'person.voided'
  | 'person.corrected'
  | 'bag.opened'
  | 'bag.packed'
  | 'bag.sealed'
  | 'bag.discarded'
  | 'handover'
  | 'settings.changed'
  | 'operator.added'
  | 'operator.changed'
  | 'session.signedIn'
  | 'session.signedOut'
  | 'sticker.printed'
  | 'sticker.keyShared'
  | 'search'
  | 'upload.released'
  | 'retention.purged'
  | 'export.full'
  | 'roster.imported'
  | 'roster.removed'
  | 'roster.excused'
  | 'roster.unexcused'
  | 'roster.round'
  | 'roster.listedInFull'
  | 'coverage.counted';

export interface Fact {
  kind: FactKind;
  /** The id of what the fact is about (a tube, a registration, a bag…). */
  subject: string;
  actor: string;
  /** What the trail keeps: ids, reasons, what changed. Never a person's details: those go in `private`. */
  data: Record<string, unknown>;
  /**
   * A person's details the trail must keep for a while (a correction's old and new values): stored beside the
   * chain, which holds their digest, so that retention can purge them and the chain still verifies.
   */
  private?: Record<string, unknown>;
  /** What the platform receives; absent for facts that stay local (settings, exports). */
  upload?: Record<string, unknown>;
  /**
   * When it happened, for a change whose row keeps its own time (a tube's opening, a packing, a handover): the fact
   * carries the same instant, so the other PCs and the hub, which know it from the fact, show the time this PC shows.
   */
  at?: Date;
}

export function createFactRecorder(db: Db, clock: Clock) {
  const head = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1');
  const insertAudit = db.prepare(
    `INSERT INTO audit (seq, fact_id, at, actor, kind, subject, data, prev_hash, hash)
     VALUES (@seq, @fact_id, @at, @actor, @kind, @subject, @data, @prev_hash, @hash)`,
  );
  const insertPrivate = db.prepare('INSERT INTO audit_private (fact_id, data) VALUES (?, ?)');
  const insertOutbox = db.prepare(
    'INSERT INTO outbox (fact_id, kind, payload, created_at) VALUES (?, ?, ?, ?)',
  );

  /** Records a fact; must run inside a transaction so that it commits with the change it describes. */
  return function record(fact: Fact): string {
    if (!db.inTransaction) throw new Error('a fact is recorded only inside the transaction of its change');
    const last = head.get();
    const privateData = fact.private ? JSON.stringify(fact.private) : null;
    const data = privateData === null ? fact.data : { ...fact.data, privateDigest: privateDigest(privateData) };
    const row = {
      seq: (last?.seq ?? 0) + 1,
      fact_id: randomUUID(),
      at: (fact.at ?? clock()).toISOString(),
      actor: fact.actor,
      kind: fact.kind,
      subject: fact.subject,
      data: JSON.stringify(data),
      prev_hash: last?.hash ?? GENESIS_HASH,
    };
    insertAudit.run({ ...row, hash: rowHash(row) });
    if (privateData !== null) insertPrivate.run(row.fact_id, privateData);
    if (fact.upload) {
      const payload = { factId: row.fact_id, kind: fact.kind, at: row.at, ...fact.upload };
      insertOutbox.run(row.fact_id, fact.kind, JSON.stringify(payload), row.at);
    }
    return row.fact_id;
  };
}

export type RecordFact = ReturnType<typeof createFactRecorder>;
