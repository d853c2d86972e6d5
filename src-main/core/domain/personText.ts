// One rule for every text about a person that reaches a record or a file (a name, a document number, a phone, a
// courier's vehicle, the reason for a void or a correction), however it came: scanned, read from a card, typed or corrected. Characters that cannot be
// seen but change what is stored or shown are refused with which one and where; the rest is stored one way.
import { z } from 'zod';

/** The fields a refusal can name, so a window can say where the character is. */
const TEXT_FIELDS = ['name', 'idNumber', 'phone', 'vehicle', 'reason'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

const invisibleCharacterSchema = z.object({
  field: z.enum(TEXT_FIELDS),
  /** As Unicode writes it, e.g. U+202E. */
  codePoint: z.string().regex(/^U\+[0-9A-F]{4,6}$/),
  /** 1-based, counted in characters of the text as it was given, so it matches what the person typed or scanned. */
  position: z.number().int().positive(),
});
export type InvisibleCharacter = z.output<typeof invisibleCharacterSchema>;

export const invisibleCharacterProblemSchema = z.object({
  problem: z.literal('invisible-character'),
  character: invisibleCharacterSchema,
});
export type InvisibleCharacterProblem = z.output<typeof invisibleCharacterProblemSchema>;

// C0 and C1 controls and DEL (a terminal runs ESC sequences, BEL rings); the direction controls: embeddings and
// overrides U+202A–U+202E, isolates U+2066–U+2069, the marks U+200E, U+200F and U+061C (each can reverse how a
// name or a number reads); the zero-width characters U+200B–U+200D, U+2060 and U+FEFF (a name of nothing, or two
// spellings of one name).
// eslint-disable-next-line no-control-regex
export const INVISIBLE_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/u;

// The dot between the parts of a name such as 阿依古丽·买买提, as people type it: katakana middle dot, bullet,
// half-width katakana middle dot, hyphenation point. Stored as U+00B7, so one name is found one way.
const MIDDLE_DOT_VARIANTS = /[\u30fb\u2022\uff65\u2027]/gu;
const MIDDLE_DOT = '\u00b7';

type CleanText = { ok: true; text: string } | { ok: false; refusal: InvisibleCharacterProblem };

const codePointOf = (character: string) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Refuses an invisible character; otherwise NFC, one middle dot, trimmed, inner runs of white space folded to one space. */
export function cleanText(raw: string, field: TextField): CleanText {
  // Spread by code points, so a rare character outside the BMP counts once.
  const characters = [...raw];
  const at = characters.findIndex((character) => INVISIBLE_CHARACTER.test(character));
  if (at >= 0) {
    return { ok: false, refusal: { problem: 'invisible-character', character: { field, codePoint: codePointOf(characters[at]), position: at + 1 } } };
  }
  return { ok: true, text: raw.normalize('NFC').replace(MIDDLE_DOT_VARIANTS, MIDDLE_DOT).trim().replace(/\s+/gu, ' ') };
}
