// The people of one tube as the manager's list shows them: partly hidden, with the ids that voids and
// corrections need, including those removed or voided so the list matches the trail; and where the tube went: its
// bag and the handover that took it (what a tracing team asks first of a positive pooled tube).
import { z } from 'zod';
import type { Db } from '../db/database';
import { maskIdNumber, maskName, maskPhone } from '../domain/mask';

/** One registration as the manager's screens show it (masked in lists, in full when correcting it). */
export const registrationViewSchema = z.object({
  registrationId: z.string(),
  position: z.number().int(),
  status: z.enum(['active', 'removed', 'voided']),
  docType: z.string(),
  idNumber: z.string(),
  name: z.string(),
  phone: z.string(),
});
type RegistrationView = z.output<typeof registrationViewSchema>;

/** The columns of a registration every person view is made from. */
export interface RegistrationColumns {
  id: string;
  position: number;
  status: RegistrationView['status'];
  doc_type: string;
  doc_number: string;
  name: string;
  phone: string;
}

/** A registration row as the manager's screens show a person, in full (see tubePeople for the masked list). */
export function personView(row: RegistrationColumns): RegistrationView {
  return {
    registrationId: row.id,
    position: row.position,
    status: row.status,
    docType: row.doc_type,
    idNumber: row.doc_number,
    name: row.name,
    phone: row.phone,
  };
}

export const tubePeopleSchema = z.object({
  barcode: z.string(),
  desk: z.string(),
  status: z.enum(['open', 'sealed']),
  voided: z.boolean(),
  people: z.array(registrationViewSchema),
  bag: z.object({ barcode: z.string(), sealedAt: z.string().nullable() }).nullable(),
  handover: z.object({ number: z.string(), handedAt: z.string(), courier: z.string() }).nullable(),
});
type TubePeople = z.output<typeof tubePeopleSchema>;

export function createTubePeople(db: Db) {
  const tube = db.prepare<[string], { id: string; desk: string; status: 'open' | 'sealed'; voided_at: string | null }>(
    "SELECT id, desk, status, voided_at FROM tubes WHERE barcode = ? AND status <> 'discarded'",
  );
  const bagOf = db.prepare<[string], { barcode: string; sealed_at: string | null; number: string | null; handed_at: string | null; courier: string | null }>(
    `SELECT b.barcode, b.sealed_at, h.number, h.handed_at, h.courier_name AS courier
     FROM bag_tubes bt JOIN bags b ON b.id = bt.bag_id LEFT JOIN handovers h ON h.id = b.handover_id
     WHERE bt.tube_id = ?`,
  );
  const people = db.prepare<[string], RegistrationColumns>(
    'SELECT id, position, status, doc_type, doc_number, name, phone FROM registrations WHERE tube_id = ? ORDER BY created_at, position',
  );

  return function tubePeople(barcode: string): TubePeople | null {
    const row = tube.get(barcode);
    if (!row) return null;
    const bag = bagOf.get(row.id);
    return {
      barcode,
      desk: row.desk,
      status: row.status,
      voided: row.voided_at !== null,
      people: people.all(row.id).map((p) => ({
        ...personView(p),
        idNumber: maskIdNumber(p.doc_number),
        name: maskName(p.name),
        phone: maskPhone(p.phone),
      })),
      bag: bag ? { barcode: bag.barcode, sealedAt: bag.sealed_at } : null,
      handover: bag?.number ? { number: bag.number, handedAt: bag.handed_at!, courier: bag.courier! } : null,
    };
  };
}
