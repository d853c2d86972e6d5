// A person as a registration holds them, and the checks every way of entering a person shares.
import { z } from 'zod';
import { DOCUMENT_TYPES, validateDocument, type DocumentType } from './documents';
import { cleanText, type InvisibleCharacterProblem } from './personText';
import type { PERSON_PROBLEMS } from './refusals';

/** As an ID card's chip says it (GB/T 2261.1: 0 unknown, 1 male, 2 female, 9 not stated). */
export const sexSchema = z.enum(['unknown', 'male', 'female', 'unspecified']);
export type Sex = z.output<typeof sexSchema>;

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

export type PersonProblem = (typeof PERSON_PROBLEMS)[number];

/** Why a person's details were refused: a problem its name says enough about, or an invisible character, which and where. */
export type PersonRefusal = { problem: PersonProblem } | InvisibleCharacterProblem;

/** A person's details as a window sends them, before any check. */
export const personFieldsSchema = z.strictObject({
  docType: z.enum(DOCUMENT_TYPES),
  idNumber: z.string().max(64),
  name: z.string().max(100),
  phone: z.string().max(32),
});

type SentPersonFields = z.output<typeof personFieldsSchema>;
/** As scanned, too: a code that names no document type means a resident ID card. */
export type PersonFields = Omit<SentPersonFields, 'docType'> & Partial<Pick<SentPersonFields, 'docType'>>;

/** A name cleaned by the one rule for a person's text, and refused when nothing is left of it. */
export function checkName(
  raw: string,
): { ok: true; name: string } | { ok: false; refusal: { problem: 'name-missing' } | InvisibleCharacterProblem } {
  const cleaned = cleanText(raw, 'name');
  if (!cleaned.ok) return cleaned;
  return cleaned.text === '' ? { ok: false, refusal: { problem: 'name-missing' } } : { ok: true, name: cleaned.text };
}

// Mainland mobile numbers, a landline with its area code, or an international number.
export const PHONE = /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\+\d{6,15})$/;

/** Numbers with the GB 11643 structure carry the birth date and, in the sequence's parity, the sex. */
export function impliedByNumber(docType: DocumentType, number: string): Pick<Person, 'sex' | 'birthDate'> {
  if (docType !== 'resident-id' && docType !== 'hmt-permit') return { sex: null, birthDate: null };
  return { sex: Number(number[16]) % 2 === 1 ? 'male' : 'female', birthDate: number.slice(6, 14) };
}

export function checkPerson(
  fields: PersonFields,
  today: Date,
): { ok: true; person: Person } | { ok: false; refusal: PersonRefusal } {
  const docType = fields.docType ?? 'resident-id';
  const number = cleanText(fields.idNumber, 'idNumber');
  if (!number.ok) return number;
  const id = validateDocument(docType, number.text, today);
  if (!id.ok) return { ok: false, refusal: { problem: id.problem } };
  const name = checkName(fields.name);
  if (!name.ok) return name;
  const phone = cleanText(fields.phone, 'phone');
  if (!phone.ok) return phone;
  if (!PHONE.test(phone.text)) return { ok: false, refusal: { problem: 'phone-invalid' } };
  const person = { docType, docNumber: id.number, name: name.name, phone: phone.text, ...impliedByNumber(docType, id.number) };
  return { ok: true, person };
}
