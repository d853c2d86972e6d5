// The card's 256-byte text block: UCS-2 little-endian fields at fixed offsets, padded with spaces. The
// character at offset 248 names the card: a space a resident ID card, J a residence permit for Hong Kong,
// Macao and Taiwan residents, I a foreign permanent resident card.
import type { CardText } from '../../domain/devices';
import { ETHNICITIES } from './ethnicity';

export const TEXT_BLOCK_BYTES = 256;

export type CardTextProblem =
  | 'size'
  | 'card-type'
  | 'characters'
  | 'name'
  | 'sex'
  | 'ethnicity'
  | 'birth-date'
  | 'id-number'
  | 'valid-from'
  | 'valid-to'
  | 'nationality';

type Decoded = CardText | { problem: CardTextProblem };

/** Byte offset and byte length of a field. */
type Field = readonly [offset: number, bytes: number];

const CARD_TYPE_MARKER: Field = [248, 2];

// The resident card's layout; a J card adds the pass number and issue count and leaves ethnicity blank.
const RESIDENT = {
  name: [0, 30],
  sex: [30, 2],
  ethnicity: [32, 4],
  birthDate: [36, 16],
  address: [52, 70],
  idNumber: [122, 36],
  authority: [158, 30],
  validFrom: [188, 16],
  validTo: [204, 16],
  passNumber: [220, 18],
  issueCount: [238, 4],
} as const satisfies Record<string, Field>;

const FOREIGN = {
  englishName: [0, 120],
  sex: [120, 2],
  idNumber: [122, 30],
  nationality: [152, 6],
  chineseName: [158, 30],
  validFrom: [188, 16],
  validTo: [204, 16],
  birthDate: [220, 16],
  authority: [240, 8],
} as const satisfies Record<string, Field>;

const CARD_TYPES: Readonly<Record<string, CardText['cardType']>> = { '': 'resident', J: 'hmt-permit', I: 'foreign-permanent' };
const SEXES: Readonly<Record<string, CardText['sex']>> = { '0': 'unknown', '1': 'male', '2': 'female', '9': 'unspecified' };
const NO_EXPIRY = '长期';
const RESIDENT_NUMBER = /^\d{17}[\dX]$/;
// The older foreign permanent resident card: nationality letters and 12 digits; the 2023 card: 18 digits.
const FOREIGN_NUMBER = /^(?:[A-Z]{3}\d{12}|\d{17}[\dX])$/;
const NATIONALITY = /^[A-Z]{3}$/;

const UCS2 = new TextDecoder('utf-16le');
const PADDING = /^[ \0]+|[ \0]+$/g;
// Control characters and U+FFFD (what a lone surrogate decodes to) are never part of a card's text. Private-use
// characters are: rare characters in names are encoded there.
const NOT_TEXT = /[\p{Cc}\uFFFD]/u;

/** The fields of a layout without their padding, or null when one of them is not text. */
function readFields<K extends string>(block: Uint8Array, layout: Record<K, Field>): Record<K, string> | null {
  const fields = {} as Record<K, string>;
  for (const key of Object.keys(layout) as K[]) {
    const [offset, bytes] = layout[key];
    const text = UCS2.decode(block.subarray(offset, offset + bytes)).replace(PADDING, '');
    if (NOT_TEXT.test(text)) return null;
    fields[key] = text;
  }
  return fields;
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{8}$/.test(text)) return false;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(4, 6));
  const day = Number(text.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

type CommonFields = Pick<CardText, 'name' | 'sex' | 'birthDate' | 'idNumber' | 'validFrom' | 'validTo'>;

/** The fields every card type has, checked; the first malformed one names the problem. */
function checkCommon(fields: Record<keyof CommonFields, string>, idNumberPattern: RegExp): CommonFields | { problem: CardTextProblem } {
  if (fields.name === '') return { problem: 'name' };
  const sex = SEXES[fields.sex];
  if (sex === undefined) return { problem: 'sex' };
  if (!isCalendarDate(fields.birthDate)) return { problem: 'birth-date' };
  if (!idNumberPattern.test(fields.idNumber)) return { problem: 'id-number' };
  if (!isCalendarDate(fields.validFrom)) return { problem: 'valid-from' };
  if (fields.validTo !== NO_EXPIRY && !isCalendarDate(fields.validTo)) return { problem: 'valid-to' };
  return {
    name: fields.name,
    sex,
    birthDate: fields.birthDate,
    idNumber: fields.idNumber,
    validFrom: fields.validFrom,
    validTo: fields.validTo === NO_EXPIRY ? null : fields.validTo,
  };
}

function decodeResidentLayout(block: Uint8Array, cardType: 'resident' | 'hmt-permit'): Decoded {
  const fields = readFields(block, RESIDENT);
  if (fields === null) return { problem: 'characters' };
  const common = checkCommon(fields, RESIDENT_NUMBER);
  if ('problem' in common) return common;
  const permit = cardType === 'hmt-permit';
  // Residence permits leave the ethnicity blank: whatever stands there is not read.
  const ethnicity = permit ? null : (ETHNICITIES.get(fields.ethnicity) ?? null);
  if (!permit && ethnicity === null) return { problem: 'ethnicity' };
  return {
    cardType,
    ...common,
    englishName: null,
    ethnicity,
    address: fields.address || null,
    authority: fields.authority || null,
    passNumber: permit ? fields.passNumber || null : null,
    issueCount: permit ? fields.issueCount || null : null,
    nationality: null,
  };
}

function decodeForeignLayout(block: Uint8Array): Decoded {
  const fields = readFields(block, FOREIGN);
  if (fields === null) return { problem: 'characters' };
  const common = checkCommon({ ...fields, name: fields.chineseName || fields.englishName }, FOREIGN_NUMBER);
  if ('problem' in common) return common;
  if (!NATIONALITY.test(fields.nationality)) return { problem: 'nationality' };
  return {
    cardType: 'foreign-permanent',
    ...common,
    englishName: fields.englishName || null,
    ethnicity: null,
    address: null,
    authority: fields.authority || null,
    passNumber: null,
    issueCount: null,
    nationality: fields.nationality,
  };
}

/** The card's text, or the problem that makes the block unusable; never throws. */
export function decodeCardText(block: Uint8Array): Decoded {
  if (block.length !== TEXT_BLOCK_BYTES) return { problem: 'size' };
  const marker = readFields(block, { marker: CARD_TYPE_MARKER })?.marker;
  const cardType = marker === undefined ? undefined : CARD_TYPES[marker];
  if (cardType === undefined) return { problem: 'card-type' };
  return cardType === 'foreign-permanent' ? decodeForeignLayout(block) : decodeResidentLayout(block, cardType);
}
