// A person from an ID card on the reader: the card's chip is authoritative for name, sex and birth date, but
// the number still gets its check (a damaged read must not become a registration), and the validity date
// decides the expiry warning, which never refuses.
import type { CardText } from '../domain/devices';
import type { DocumentType } from '../domain/documents';
import { validateDocument } from '../domain/documents';
import { checkName, type Person, type PersonRefusal } from '../domain/person';
import { localDay } from '../clock';

const DOCUMENT_OF_CARD: Record<CardText['cardType'], DocumentType> = {
  resident: 'resident-id',
  'hmt-permit': 'hmt-permit',
  'foreign-permanent': 'foreign-permanent',
};

export type CardPerson = { ok: true; person: Person; expired: boolean } | { ok: false; refusal: PersonRefusal };

export function checkCardPerson(card: CardText, today: Date): CardPerson {
  const docType = DOCUMENT_OF_CARD[card.cardType];
  const id = validateDocument(docType, card.idNumber, today);
  if (!id.ok) return { ok: false, refusal: { problem: id.problem } };
  // The chip's text is checked like any other: a damaged or forged card can carry controls or direction marks.
  const name = checkName(card.name || card.englishName || '');
  if (!name.ok) return name;
  // Compared as YYYYMMDD strings: a card is valid through its last day.
  const expired = card.validTo !== null && card.validTo < localDay(today).replaceAll('-', '');
  return {
    ok: true,
    person: { docType, docNumber: id.number, name: name.name, phone: '', sex: card.sex, birthDate: card.birthDate },
    expired,
  };
}
