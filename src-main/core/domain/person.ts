// A person as a registration holds them, and the checks every way of entering a person shares.
import { validateDocument, type DocumentProblem, type DocumentType } from './documents';

export type Sex = 'unknown' | 'male' | 'female' | 'unspecified';

export interface Person {
  /** A document, or an opaque code token that only the platform can resolve to a person. */
  docType: DocumentType | 'code-token';
  docNumber: string;
  name: string;
  /** Empty when nobody could give it: an ID card carries no phone number, a token no name. */
  phone: string;
  sex: Sex | null;
  /** YYYYMMDD, when the card or the number says it. */
  birthDate: string | null;
}

export type PersonProblem = DocumentProblem | 'name-missing' | 'phone-invalid';

/** A person as scanned or typed, before any check; a code that names no document type means a resident ID card. */
export interface PersonFields {
  docType?: DocumentType;
  name: string;
  idNumber: string;
  phone: string;
}

/** Trims, folds inner runs of white space, and normalises to NFC so one name is stored one way. */
export function normaliseName(raw: string): string {
  return raw.normalize('NFC').trim().replace(/\s+/gu, ' ');
}

// Mainland mobile numbers, a landline with its area code, or an international number.
const PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\+\d{6,15})$/;

/** Numbers with the GB 11643 structure carry the birth date and, in the sequence's parity, the sex. */
export function impliedByNumber(docType: DocumentType, number: string): Pick<Person, 'sex' | 'birthDate'> {
  if (docType !== 'resident-id' && docType !== 'hmt-permit') return { sex: null, birthDate: null };
  return { sex: Number(number[16]) % 2 === 1 ? 'male' : 'female', birthDate: number.slice(6, 14) };
}

export function checkPerson(
  fields: PersonFields,
  today: Date,
): { ok: true; person: Person } | { ok: false; problem: PersonProblem } {
  const docType = fields.docType ?? 'resident-id';
  const id = validateDocument(docType, fields.idNumber, today);
  if (!id.ok) return { ok: false, problem: id.problem };
  const name = normaliseName(fields.name);
  if (name === '') return { ok: false, problem: 'name-missing' };
  const phone = fields.phone.trim();
  if (!PHONE.test(phone)) return { ok: false, problem: 'phone-invalid' };
  return { ok: true, person: { docType, docNumber: id.number, name, phone, ...impliedByNumber(docType, id.number) } };
}
