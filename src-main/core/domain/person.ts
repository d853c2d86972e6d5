// A person as a registration holds them, and the checks every way of entering a person shares.
import { validateResidentId, type ResidentIdProblem } from './residentId';

export type DocumentType = 'resident-id';

export interface Person {
  docType: DocumentType;
  docNumber: string;
  name: string;
  phone: string;
}

export type PersonProblem = `id-${ResidentIdProblem}` | 'name-missing' | 'phone-invalid';

/** Trims, folds inner runs of white space, and normalises to NFC so one name is stored one way. */
export function normaliseName(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

// Mainland mobile numbers, or a landline with its area code.
const PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/;

export function checkPerson(
  fields: { name: string; idNumber: string; phone: string },
  today: Date,
): { ok: true; person: Person } | { ok: false; problem: PersonProblem } {
  const id = validateResidentId(fields.idNumber, today);
  if (!id.ok) return { ok: false, problem: `id-${id.problem}` };
  const name = normaliseName(fields.name);
  if (name === '') return { ok: false, problem: 'name-missing' };
  const phone = fields.phone.trim();
  if (!PHONE.test(phone)) return { ok: false, problem: 'phone-invalid' };
  return { ok: true, person: { docType: 'resident-id', docNumber: id.number, name, phone } };
}
