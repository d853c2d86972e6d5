// A ledger's good rows against the roster: what an import would add, change or leave as it is, and the import itself,
// every row in one transaction with its fact, or nothing. A person is matched by their document; one the roster
// took off comes back when a new ledger lists them again.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import type { RecordFact } from '../facts/record';
import type { RosterPerson } from './rosterPerson';
import type { Imported } from './schemas';

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
}

function sameAs(stored: Stored, person: RosterPerson): boolean {
  return stored.removed === 0 && DETAILS.every((field) => stored[field] === person[field]) && stored.tags === JSON.stringify(person.tags);
}

export function createRosterImport(db: Db, record: RecordFact) {
  const find = db.prepare<[string, string], Stored>(
    `SELECT id, name, phone, grid, building, unit, room, address, tags, removed_at IS NOT NULL AS removed
     FROM roster_people WHERE doc_type = ? AND doc_number = ?`,
  );
  const insert = db.prepare(
    `INSERT INTO roster_people (id, doc_type, doc_number, name, phone, grid, building, unit, room, address, address_key, tags, added_at, updated_at)
     VALUES (@id, @docType, @docNumber, @name, @phone, @grid, @building, @unit, @room, @address, @addressKey, @tags, @at, @at)`,
  );
  const update = db.prepare(
    `UPDATE roster_people SET name = @name, phone = @phone, grid = @grid, building = @building, unit = @unit, room = @room,
       address = @address, address_key = @addressKey, tags = @tags, updated_at = @at, removed_at = NULL, removed_reason = NULL
     WHERE id = @id`,
  );

  /** What importing these people would do now. */
  function compare(people: readonly RosterPerson[]): Omit<Imported, 'refused'> {
    const counts = { added: 0, updated: 0, unchanged: 0 };
    for (const person of people) {
      const stored = find.get(person.docType, person.docNumber);
      if (!stored) counts.added++;
      else if (sameAs(stored, person)) counts.unchanged++;
      else counts.updated++;
    }
    return counts;
  }

  /** Every person in one transaction with the import's fact (which names no one: the roster stays on this PC). */
  function importPeople(people: readonly RosterPerson[], refused: number, file: { fileId: string; fileName: string }, at: string, actor: string): Imported {
    return db
      .transaction((): Imported => {
        const counts = { added: 0, updated: 0, unchanged: 0 };
        for (const person of people) {
          const row = { ...person, addressKey: addressKey(person), tags: JSON.stringify(person.tags), at };
          const stored = find.get(person.docType, person.docNumber);
          if (!stored) {
            insert.run({ id: randomUUID(), ...row });
            counts.added++;
          } else if (sameAs(stored, person)) {
            counts.unchanged++;
          } else {
            update.run({ id: stored.id, ...row });
            counts.updated++;
          }
        }
        const imported = { ...counts, refused };
        record({ kind: 'roster.imported', subject: file.fileId, actor, data: { fileName: file.fileName, ...imported }, at: new Date(at) });
        return imported;
      })
      .immediate();
  }

  return { compare, importPeople };
}
