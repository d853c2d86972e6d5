// The manager's search for a person: by ID number, phone or name, in full (the manager corrects and voids from
// here). Every search is in the audit trail: who looked for whom, the query masked as a screen would show it.
import { z } from 'zod';
import type { Db } from '../db/database';
import { maskIdNumber, maskName, maskPhone } from '../domain/mask';
import type { RecordFact } from '../facts/record';
import { personView, registrationViewSchema, type RegistrationColumns } from '../site/tubePeople';

/** A person as the tube's list shows them, in full, and where and when they were registered. */
export const foundPersonSchema = registrationViewSchema.extend({ tube: z.string(), desk: z.string(), registeredAt: z.string() });
type FoundPerson = z.output<typeof foundPersonSchema>;

/** Enough to find people, few enough to read: the newest first. */
export const SEARCH_LIMIT = 50;

function maskQuery(query: string): string {
  if (/^\d{11}$/.test(query)) return maskPhone(query);
  if (query.length >= 15) return maskIdNumber(query);
  return maskName(query);
}

export function createPersonSearch(db: Db, record: RecordFact) {
  const find = db.prepare<{ query: string; limit: number }, RegistrationColumns & { tube: string; desk: string; created_at: string }>(
    `SELECT r.id, t.barcode AS tube, t.desk, r.position, r.status, r.doc_type, r.doc_number, r.name, r.phone, r.created_at
     FROM registrations r JOIN tubes t ON t.id = r.tube_id
     WHERE r.doc_number = @query OR r.phone = @query OR r.name = @query
     ORDER BY r.created_at DESC LIMIT @limit`,
  );

  return function search(text: string, actor: string): FoundPerson[] {
    const trimmed = text.normalize('NFC').trim();
    // A resident ID number may be typed with a small x; it is stored with a capital X.
    const query = /^\d{17}x$/.test(trimmed) ? trimmed.toUpperCase() : trimmed;
    if (query === '') return [];
    const rows = find.all({ query, limit: SEARCH_LIMIT });
    db.transaction(() => record({ kind: 'search', subject: 'person', actor, data: { query: maskQuery(query), found: rows.length } })).immediate();
    return rows.map((row) => ({ ...personView(row), tube: row.tube, desk: row.desk, registeredAt: row.created_at }));
  };
}
