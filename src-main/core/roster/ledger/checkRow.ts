// One row of a ledger through the desk's person rules (domain/): the name, the document and the phone as a desk
// would take them, then the row's place and tags. The first problem, in the columns' order, is the row's reason.
import { validateDocument } from '../../domain/documents';
import { checkName, PHONE } from '../../domain/person';
import type { RosterField, RosterPerson, RosterRowProblem } from '../rosterPerson';
import { documentType } from './documentType';
import { personText, placeText } from './ledgerText';
import { cellText, type LedgerCell } from './sheet';

export type RowValues = Record<RosterField, LedgerCell>;

export type RowVerdict = { ok: true; person: RosterPerson } | { ok: false; field: RosterField; problem: RosterRowProblem };

/** A double keeps 15 significant digits exactly: a number this large stored in a cell has lost its last digits. */
const EXACT_BELOW = 1e15;
/** What Excel shows for a long number: 3.50181E+17. */
const SCIENTIFIC = /^\d(?:\.\d+)?e\+?\d+$/iu;
/** 18 digits ending in 000: what a CSV holds of a number Excel rounded to 15 significant digits. */
const ROUNDED_DIGITS = /^\d{15}000$/u;
/** The full-width full stop typed between the parts of a name (买买提．艾力), stored as the desk's middle dot. */
const FULL_STOP_IN_NAME = /(?<=\p{Script=Han})．(?=\p{Script=Han})/gu;
const TAG_SEPARATORS = /[、,，;；/\s]+/u;

const refused = (field: RosterField, problem: RosterRowProblem): RowVerdict => ({ ok: false, field, problem });

type Step<T> = { ok: true; value: T } | { ok: false; problem: RosterRowProblem };

function nameOf(cell: LedgerCell): Step<string> {
  const text = personText(cellText(cell).replace(FULL_STOP_IN_NAME, '·'), 'name');
  if (!text.ok) return text;
  const name = checkName(text.text);
  return name.ok ? { ok: true, value: name.name } : { ok: false, problem: 'name-missing' };
}

/** The number as typed, or why it cannot be one: refused when it was rounded, never guessed. */
function idTextOf(cell: LedgerCell): Step<string> {
  if (typeof cell === 'number' && Math.abs(cell) >= EXACT_BELOW) return { ok: false, problem: 'id-rounded' };
  const text = personText(cellText(cell), 'idNumber');
  if (!text.ok) return text;
  const number = text.text.normalize('NFKC').replace(/\s+/gu, '');
  if (number === '') return { ok: false, problem: 'id-missing' };
  return SCIENTIFIC.test(number) ? { ok: false, problem: 'id-rounded' } : { ok: true, value: number };
}

/** Empty when the ledger has none; full-width digits, spaces and dashes are how the number was typed, not part of it. */
function phoneOf(cell: LedgerCell): Step<string> {
  const text = personText(cellText(cell), 'phone');
  if (!text.ok) return text;
  const phone = text.text.normalize('NFKC').replace(/[\s-]+/gu, '');
  return phone === '' || PHONE.test(phone) ? { ok: true, value: phone } : { ok: false, problem: 'phone-invalid' };
}

const PLACE_FIELDS = ['grid', 'building', 'unit', 'room', 'address', 'tags'] as const;

export function checkRow(values: RowValues, fromCsv: boolean, today: Date): RowVerdict {
  const name = nameOf(values.name);
  if (!name.ok) return refused('name', name.problem);
  const idText = idTextOf(values.idNumber);
  if (!idText.ok) return refused('idNumber', idText.problem);
  const docTypeText = placeText(cellText(values.docType));
  if (!docTypeText.ok) return refused('docType', docTypeText.problem);
  const docType = documentType(docTypeText.text);
  if (docType === null) return refused('docType', 'doc-type-unknown');
  const document = validateDocument(docType, idText.value, today);
  if (!document.ok) {
    const rounded = fromCsv && document.problem === 'id-checkdigit' && ROUNDED_DIGITS.test(idText.value);
    return refused('idNumber', rounded ? 'id-rounded' : document.problem);
  }
  const phone = phoneOf(values.phone);
  if (!phone.ok) return refused('phone', phone.problem);
  const place = {} as Record<(typeof PLACE_FIELDS)[number], string>;
  for (const field of PLACE_FIELDS) {
    const text = placeText(cellText(values[field]));
    if (!text.ok) return refused(field, text.problem);
    place[field] = text.text;
  }
  const tags = [...new Set(place.tags.split(TAG_SEPARATORS).filter((tag) => tag !== ''))];
  return {
    ok: true,
    person: {
      docType,
      docNumber: document.number,
      name: name.value,
      phone: phone.value,
      ...place,
      tags,
    },
  };
}
