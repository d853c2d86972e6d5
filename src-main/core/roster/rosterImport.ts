// A ledger's good rows against the roster: what an import would add, change or leave as it is, and the import.
// The import builds the roster's next version beside the one shown, a few people an unflushed transaction with a
// rest between them (the desks' scans take their turn), carries over everyone the ledger does not list, then shows
// the new version in one small flushed transaction with its fact, and clears the old one. A failure, a cancel or a
// power cut before that leaves the roster shown as it was; what was built is cleared by the next import. A person
// is matched by their document and keeps their id, their excuse and when they were added; one the roster took off
// comes back when a new ledger lists them again.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { unflushed } from '../db/unflushed';
import type { RecordFact } from '../facts/record';
import type { RosterPerson } from './rosterPerson';
import type { Imported } from './schemas';

/** People a write transaction: about 3 ms with the counting triggers, the longest a desk's scan waits behind it. */
const CHUNK = 25;
/** Write transactions between two checkpoints: the WAL copied into the file as it grows, not all at the end. */
const CHUNKS_PER_CHECKPOINT = 32;

/** Every run of digits padded to ten: text order is then the order a grid worker walks (2栋 before 10栋). */
export function addressKey({ grid, building, unit, room }: Pick<RosterPerson, 'grid' | 'building' | 'unit' | 'room'>): string {
  return [grid, building, unit, room].map((part) => part.replace(/\d+/g, (digits) => digits.padStart(10, '0'))).join('\u0001');
}

/** The details a ledger carries, as the roster stores them, to compare one with the other. */
const DETAILS = ['name', 'phone', 'grid', 'building', 'unit', 'room', 'address'] as const;

interface Stored {
  id: string;
  name: string;
  phone: string;
  grid: string;
  building: string;
  unit: string;
  room: string;
  address: string;
  tags: string;
  removed: number;
  addedAt: string;
  updatedAt: string;
}

function sameAs(stored: Stored, person: RosterPerson): boolean {
  return stored.removed === 0 && DETAILS.every((field) => stored[field] === person[field]) && stored.tags === JSON.stringify(person.tags);
}

/** The ledger's good people, how many rows it refused, the file, and when and by whom: what one import records. */
export interface ImportJob {
  people: readonly RosterPerson[];
  refused: number;
  file: { fileId: string; fileName: string };
  at: string;
  actor: string;
}

/** Between two transactions, and whether to stop (a cancel): the worker's. */
export interface ImportPace {
  rest(): Promise<void>;
  stopIfCancelled(): void;
  progressed(done: number): void;
}

export function createRosterImport(db: Db, record: RecordFact) {
  const shown = db.prepare<[], number>('SELECT version FROM roster_state').pluck();
  const find = db.prepare<[string, string, number], Stored>(
    `SELECT id, name, phone, grid, building, unit, room, address, tags, removed_at IS NOT NULL AS removed,
            added_at AS addedAt, updated_at AS updatedAt
     FROM roster_people WHERE doc_type = ? AND doc_number = ? AND version = ?`,
  );
  // The excuse is carried from the version shown; one made while the import runs reaches both (it updates by id).
  const insert = db.prepare(
    `INSERT INTO roster_people (id, version, doc_type, doc_number, name, phone, grid, building, unit, room, address, address_key, tags,
       added_at, updated_at, excused_reason, excused_note, excused_at, excused_by)
     SELECT @id, @version, @docType, @docNumber, @name, @phone, @grid, @building, @unit, @room, @address, @addressKey, @tags,
       @addedAt, @updatedAt, o.excused_reason, o.excused_note, o.excused_at, o.excused_by
     FROM (SELECT 1) LEFT JOIN roster_people o ON o.id = @id AND o.version = @shown`,
  );
  const unlistedAfter = db.prepare<{ shown: number; after: number; limit: number }, number>(
    `SELECT rowid FROM roster_people c WHERE c.version = @shown AND c.rowid > @after ORDER BY c.rowid LIMIT @limit`,
  ).pluck();
  // Someone the ledger does not list stays on the roster as they are.
  const carry = db.prepare(
    `INSERT INTO roster_people (id, version, doc_type, doc_number, name, phone, grid, building, unit, room, address, address_key, tags,
       added_at, updated_at, removed_at, removed_reason, excused_reason, excused_note, excused_at, excused_by)
     SELECT id, @next, doc_type, doc_number, name, phone, grid, building, unit, room, address, address_key, tags,
       added_at, updated_at, removed_at, removed_reason, excused_reason, excused_note, excused_at, excused_by
     FROM roster_people c WHERE c.rowid = @rowid
       AND NOT EXISTS (SELECT 1 FROM roster_people n WHERE n.version = @next AND n.doc_type = c.doc_type AND n.doc_number = c.doc_number)`,
  );
  const show = db.prepare('UPDATE roster_state SET version = @next WHERE version = @shown');
  const someOf = db.prepare<[number, number], number>('SELECT rowid FROM roster_people WHERE version <> ? LIMIT ?').pluck();
  const deleteRow = db.prepare('DELETE FROM roster_people WHERE rowid = ?');
  const deleteCounts = db.prepare('DELETE FROM roster_counts WHERE version <> ?');
  const deleteHours = db.prepare('DELETE FROM roster_hours WHERE version <> ?');

  /** What importing these people would do now. */
  function compare(people: readonly RosterPerson[]): Omit<Imported, 'refused'> {
    const version = shown.get()!;
    const counts = { added: 0, updated: 0, unchanged: 0 };
    for (const person of people) {
      const stored = find.get(person.docType, person.docNumber, version);
      if (!stored) counts.added++;
      else if (sameAs(stored, person)) counts.unchanged++;
      else counts.updated++;
    }
    return counts;
  }

  let chunks = 0;
  /** One chunk's write transaction, then the rest that lets the desks' scans take their turn. */
  async function writeChunk(write: () => void, pace: Pick<ImportPace, 'rest'>): Promise<void> {
    db.transaction(write).immediate();
    if (++chunks % CHUNKS_PER_CHECKPOINT === 0) db.pragma('wal_checkpoint(PASSIVE)');
    await pace.rest();
  }

  /** Deletes every version but the one shown (a build given up, or the version an import replaced), in chunks. */
  async function clearOthers(pace: Pick<ImportPace, 'rest'>): Promise<void> {
    for (;;) {
      const version = shown.get()!;
      const rows = someOf.all(version, CHUNK);
      if (rows.length === 0) break;
      await writeChunk(() => rows.forEach((rowid) => deleteRow.run(rowid)), pace);
    }
    db.transaction(() => {
      deleteCounts.run(shown.get()!);
      deleteHours.run(shown.get()!);
    }).immediate();
  }

  /** The next version built and shown (see `build`), between two clearings of every other version. */
  async function importPeople(job: ImportJob, pace: ImportPace): Promise<Imported> {
    await unflushed(db, () => clearOthers(pace));
    try {
      return await build(job, pace);
    } finally {
      // Shown or given up, one version stays; a full disk may refuse even this, and the next import clears it.
      await unflushed(db, () => clearOthers(pace)).catch(() => undefined);
    }
  }

  async function build({ people, refused, file, at, actor }: ImportJob, pace: ImportPace): Promise<Imported> {
    const version = shown.get()!;
    const next = version + 1;
    // A chunk lost to a power cut belongs to a version not shown yet, which the next import clears.
    const counts = await unflushed(db, () => buildNext(people, version, at, pace));
    pace.stopIfCancelled();
    const imported = { ...counts, refused };
    db.transaction(() => {
      // Another import shown since this one began: this one is given up rather than mixed with it.
      if (show.run({ next, shown: version }).changes === 0) throw new Error('Another import of the roster was shown first.');
      record({ kind: 'roster.imported', subject: file.fileId, actor, data: { fileName: file.fileName, ...imported }, at: new Date(at) });
    }).immediate();
    return imported;
  }

  /** The version after `version`: the ledger's people, then everyone it does not list, carried over. */
  async function buildNext(people: readonly RosterPerson[], version: number, at: string, pace: ImportPace) {
    const next = version + 1;
    const counts = { added: 0, updated: 0, unchanged: 0 };
    for (let start = 0; start < people.length; start += CHUNK) {
      pace.stopIfCancelled();
      await writeChunk(() => {
        for (const person of people.slice(start, start + CHUNK)) {
          const stored = find.get(person.docType, person.docNumber, version);
          const same = stored !== undefined && sameAs(stored, person);
          if (!stored) counts.added++;
          else if (same) counts.unchanged++;
          else counts.updated++;
          insert.run({
            ...person,
            id: stored?.id ?? randomUUID(),
            version: next,
            shown: version,
            addressKey: addressKey(person),
            tags: JSON.stringify(person.tags),
            addedAt: stored?.addedAt ?? at,
            updatedAt: same ? stored.updatedAt : at,
          });
        }
      }, pace);
      pace.progressed(Math.min(start + CHUNK, people.length));
    }
    for (let after = 0; ; ) {
      pace.stopIfCancelled();
      const rows = unlistedAfter.all({ shown: version, after, limit: CHUNK });
      if (rows.length === 0) break;
      await writeChunk(() => rows.forEach((rowid) => carry.run({ rowid, next })), pace);
      after = rows.at(-1)!;
    }
    return counts;
  }

  return { compare, importPeople };
}
