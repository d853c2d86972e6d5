// The manager corrects a person's details after the fact (a misspelt name, a wrong phone, a number typed with
// the wrong document type). The registration keeps its id and place; the trail keeps the old values and why.
import { z } from 'zod';
import type { Db } from '../db/database';
import { checkPerson, type Person } from '../domain/person';
import { cleanText } from '../domain/personText';
import { DOCUMENT_TYPES, type DocumentType } from '../domain/documents';
import { orInvisibleCharacter, PERSON_PROBLEMS } from '../domain/refusals';
import type { Clock } from '../clock';
import type { RecordFact } from '../facts/record';
import { personView, registrationViewSchema, type RegistrationColumns } from '../site/tubePeople';

/** The details a correction may change; those left out stay as they are. */
export const personCorrectionSchema = z.strictObject({
  docType: z.enum(DOCUMENT_TYPES).optional(),
  idNumber: z.string().max(64).optional(),
  name: z.string().max(100).optional(),
  phone: z.string().max(32).optional(),
});
type PersonCorrection = z.output<typeof personCorrectionSchema>;

export const correctionOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('corrected'), fields: z.array(personCorrectionSchema.keyof()) }),
  orInvisibleCharacter(
    z.object({
      result: z.literal('refused'),
      problem: z.enum([
        'registration-unknown',
        'registration-voided',
        'code-token',
        'nothing-changed',
        'person-already-in-tube',
        ...PERSON_PROBLEMS,
      ]),
    }),
  ),
]);
type CorrectionOutcome = z.output<typeof correctionOutcomeSchema>;

/** One registration in full, where it was registered and when: opened from a tube's masked list, or to correct it. */
export const registrationDetailSchema = registrationViewSchema.extend({ tube: z.string(), desk: z.string(), registeredAt: z.string() });
type RegistrationDetail = z.output<typeof registrationDetailSchema>;

interface RegistrationRow extends RegistrationColumns {
  tube_id: string;
  tube: string;
  desk: string;
  created_at: string;
}

const FIELD_COLUMNS = { docType: 'doc_type', idNumber: 'doc_number', name: 'name', phone: 'phone' } as const;

export function createPersonCorrections(db: Db, clock: Clock, record: RecordFact) {
  const byId = db.prepare<[string], RegistrationRow>(
    `SELECT r.id, r.tube_id, t.barcode AS tube, t.desk, r.created_at, r.position, r.status, r.doc_type, r.doc_number, r.name, r.phone
     FROM registrations r JOIN tubes t ON t.id = r.tube_id WHERE r.id = ?`,
  );
  const sameInTube = db.prepare<[string, string, string, string], { id: string }>(
    `SELECT id FROM registrations
     WHERE tube_id = ? AND doc_type = ? AND doc_number = ? AND id <> ? AND status = 'active'`,
  );
  const update = db.prepare(
    `UPDATE registrations SET doc_type = @docType, doc_number = @docNumber, name = @name, phone = @phone,
       sex = @sex, birth_date = @birthDate
     WHERE id = @id`,
  );

  return {
    /** A person in full: the trail says who opened whom (by id, never the details), as it does for every search. */
    detail(registrationId: string, actor: string): RegistrationDetail | null {
      const row = byId.get(registrationId);
      if (!row) return null;
      db.transaction(() => record({ kind: 'search', subject: row.id, actor, data: { opened: 'registration', tube: row.tube } })).immediate();
      return { ...personView(row), tube: row.tube, desk: row.desk, registeredAt: row.created_at };
    },

    correct(registrationId: string, changes: PersonCorrection, reason: string, actor: string): CorrectionOutcome {
      // The reason goes into the trail and to the platform: the same rule as the person's own text.
      const cleanReason = cleanText(reason, 'reason');
      if (!cleanReason.ok) return { result: 'refused', ...cleanReason.refusal };
      return db
        .transaction((): CorrectionOutcome => {
          const row = byId.get(registrationId);
          if (!row || row.status === 'removed') return { result: 'refused', problem: 'registration-unknown' };
          if (row.status === 'voided') return { result: 'refused', problem: 'registration-voided' };
          if (row.doc_type === 'code-token') return { result: 'refused', problem: 'code-token' };
          const checked = checkPerson(
            {
              docType: changes.docType ?? (row.doc_type as DocumentType),
              idNumber: changes.idNumber ?? row.doc_number,
              name: changes.name ?? row.name,
              phone: changes.phone ?? row.phone,
            },
            clock(),
          );
          if (!checked.ok) return { result: 'refused', ...checked.refusal };
          const after: Person = checked.person;
          const before = { docType: row.doc_type, idNumber: row.doc_number, name: row.name, phone: row.phone };
          const now = { docType: after.docType, idNumber: after.docNumber, name: after.name, phone: after.phone };
          const fields = (Object.keys(FIELD_COLUMNS) as (keyof PersonCorrection)[]).filter((f) => before[f] !== now[f]);
          if (fields.length === 0) return { result: 'refused', problem: 'nothing-changed' };
          if (sameInTube.get(row.tube_id, after.docType, after.docNumber, row.id)) {
            return { result: 'refused', problem: 'person-already-in-tube' };
          }
          update.run({ id: row.id, ...after });
          const pick = (values: typeof before) => Object.fromEntries(fields.map((f) => [f, values[f]]));
          record({
            kind: 'person.corrected',
            subject: row.id,
            actor,
            data: { registrationId: row.id, reason: cleanReason.text, fields },
            // The old values survive only here, in full, until retention purges them with the person.
            private: { before: pick(before), after: pick(now) },
            upload: { registrationId: row.id, reason: cleanReason.text, ...pick(now) },
          });
          return { result: 'corrected', fields };
        })
        .immediate();
    },
  };
}
