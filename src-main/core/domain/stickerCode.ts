// The code on a pre-registration sticker. Printed now (version 2): the person sealed with AES-256-GCM under one of
// the site's sticker keys, so that a phone, or anyone without the key, reads nothing of it:
//
//   SWABDESK2 + base32( key id (4 bytes) | nonce (12) | ciphertext | GCM tag (16) | CRC-32 (4) )
//
// The key id says which of the site's keys sealed it (stations of one site may share theirs); it is authenticated
// with the prefix. The CRC-32 of all before it tells a code damaged or altered anywhere, the key id included, from a
// sound one sealed with a key this station does not hold. The sealed text is the document type's letter, the
// number, the name and the phone, joined by U+001F. A later format takes the next version in its prefix.
// Printed before (version 1), and still read so that stickers handed out register: `SWABDESK1:` and base64url of a
// JSON { t: document type, n: number, m: name, p: phone }, in clear.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { z } from 'zod';
import { fromBase32, toBase32 } from './base32';
import { DOCUMENT_TYPES, type DocumentType } from './documents';

/** Why a desk refuses a sticker: its code was changed or made up, or it was sealed with a key it does not hold. */
export const STICKER_PROBLEMS = ['sticker-altered', 'sticker-unknown-key'] as const;
type StickerProblem = (typeof STICKER_PROBLEMS)[number];

export interface StickerPerson {
  docType: DocumentType;
  idNumber: string;
  name: string;
  phone: string;
}

/** A sticker key: its id (8 hex digits, printed in every code it seals) and its 32-byte secret. */
export interface StickerKey {
  id: string;
  secret: Buffer;
}

/** The secret of the key with this id, when the station holds it. */
export type StickerKeyring = (id: string) => Buffer | undefined;

export type StickerReading = { ok: true; person: StickerPerson } | { ok: false; problem: StickerProblem };

const SEALED = /^SWABDESK2/i;
const SEALED_PREFIX = 'SWABDESK2';
const CLEAR_PREFIX = 'SWABDESK1:';
const CIPHER = 'aes-256-gcm';
const KEY_ID_BYTES = 4;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const CHECK_BYTES = 4;
const SEPARATOR = '\u001f';
const LETTERS: Readonly<Record<DocumentType, string>> = {
  'resident-id': 'R',
  'hmt-permit': 'H',
  'foreign-permanent': 'F',
  passport: 'P',
  other: 'O',
};
const DOCUMENT_OF_LETTER = new Map(Object.entries(LETTERS).map(([docType, letter]) => [letter, docType as DocumentType]));

const ALTERED: StickerReading = { ok: false, problem: 'sticker-altered' };

const associatedData = (keyId: Buffer) => Buffer.concat([Buffer.from(SEALED_PREFIX, 'ascii'), keyId]);

export function sealSticker(person: StickerPerson, key: StickerKey): string {
  const keyId = Buffer.from(key.id, 'hex');
  if (keyId.length !== KEY_ID_BYTES) throw new Error('a sticker key id is 8 hex digits');
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv(CIPHER, key.secret, nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(associatedData(keyId));
  const text = [LETTERS[person.docType], person.idNumber, person.name, person.phone].join(SEPARATOR);
  const sealed = Buffer.concat([keyId, nonce, cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  const check = Buffer.alloc(CHECK_BYTES);
  check.writeUInt32BE(crc32(sealed));
  return SEALED_PREFIX + toBase32(Buffer.concat([sealed, check]));
}

function open(code: Buffer, keyring: StickerKeyring): StickerReading {
  if (code.length <= KEY_ID_BYTES + NONCE_BYTES + TAG_BYTES + CHECK_BYTES) return ALTERED;
  const sealed = code.subarray(0, -CHECK_BYTES);
  if (crc32(sealed) !== code.readUInt32BE(sealed.length)) return ALTERED;
  const keyId = sealed.subarray(0, KEY_ID_BYTES);
  const secret = keyring(keyId.toString('hex'));
  if (!secret) return { ok: false, problem: 'sticker-unknown-key' };
  let text: string;
  try {
    const nonce = sealed.subarray(KEY_ID_BYTES, KEY_ID_BYTES + NONCE_BYTES);
    const decipher = createDecipheriv(CIPHER, secret, nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(associatedData(keyId));
    decipher.setAuthTag(sealed.subarray(-TAG_BYTES));
    text = Buffer.concat([decipher.update(sealed.subarray(KEY_ID_BYTES + NONCE_BYTES, -TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    // The tag does not match: not sealed with this key, or changed since, with its CRC made to fit.
    return ALTERED;
  }
  const [letter, idNumber, name, phone, ...more] = text.split(SEPARATOR);
  const docType = DOCUMENT_OF_LETTER.get(letter);
  if (!docType || phone === undefined || more.length > 0) return ALTERED;
  return { ok: true, person: { docType, idNumber, name, phone } };
}

const clearSchema = z.object({
  t: z
    .enum(DOCUMENT_TYPES)
    .nullish()
    .transform((docType) => docType ?? 'resident-id'),
  n: z.string(),
  m: z.string().default(''),
  p: z.string().default(''),
});

/** Version 1: what it holds, or nothing when it is not one (the site's formats may still read it). */
function readClear(encoded: string): StickerReading | undefined {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = clearSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { t, n, m, p } = parsed.data;
  return { ok: true, person: { docType: t, idNumber: n, name: m, phone: p } };
}

/** What a sticker's code says, or undefined when the text is no sticker's. */
export function readSticker(text: string, keyring: StickerKeyring): StickerReading | undefined {
  if (SEALED.test(text)) {
    const code = fromBase32(text.slice(SEALED_PREFIX.length));
    return code ? open(code, keyring) : ALTERED;
  }
  return text.startsWith(CLEAR_PREFIX) ? readClear(text.slice(CLEAR_PREFIX.length)) : undefined;
}
