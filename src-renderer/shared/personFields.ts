// A person's details as typed into a form (manual entry at a desk, pre-registration), checked field by field as
// they are typed, with the same rules the core applies when the form is sent.
import type { DocumentType } from '../../src-main/core/domain/documents';
import { checkPerson, type PersonRefusal } from '../../src-main/core/domain/person';

export interface EnteredPerson {
  docType: DocumentType;
  idNumber: string;
  name: string;
  phone: string;
}

export const PERSON_FIELDS = ['idNumber', 'name', 'phone'] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

/** What is wrong with each field as typed so far; an empty field says nothing until the clerk tries to register. */
export function fieldProblems(person: EnteredPerson, today: Date): Partial<Record<PersonField, PersonRefusal>> {
  const found: Partial<Record<PersonField, PersonRefusal>> = {};
  // The person check stops at its first problem: ask it about each field with the others made valid.
  const valid = { docType: 'passport', idNumber: 'E12345678', name: '张三', phone: '13800000000' } as const;
  if (person.idNumber.trim() !== '') {
    const document = checkPerson({ ...valid, docType: person.docType, idNumber: person.idNumber }, today);
    if (!document.ok) found.idNumber = document.refusal;
  }
  if (person.name !== '') {
    const name = checkPerson({ ...valid, name: person.name }, today);
    if (!name.ok) found.name = name.refusal;
  }
  if (person.phone !== '') {
    const phone = checkPerson({ ...valid, phone: person.phone }, today);
    if (!phone.ok) found.phone = phone.refusal;
  }
  return found;
}
