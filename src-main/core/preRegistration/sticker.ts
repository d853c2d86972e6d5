// Pre-registration: a person's details become a sticker whose QR code registers them with one scan at any desk of
// the site, sealed with its sticker key so that no other reader learns anything from it. The trail says a sticker
// was made, and for whom as far as a screen may show; the code itself is not kept.
import { z } from 'zod';
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { DocumentType } from '../domain/documents';
import { maskIdNumber, maskName } from '../domain/mask';
import { checkPerson, type PersonFields } from '../domain/person';
import { orInvisibleCharacter, PERSON_PROBLEMS } from '../domain/refusals';
import { sealSticker } from '../domain/stickerCode';
import type { RecordFact } from '../facts/record';
import type { StickerKeys } from './stickerKeys';

export const stickerOutcomeSchema = z.discriminatedUnion('result', [
  z.object({
    result: z.literal('sticker'),
    /** The text the sticker's QR code carries: sealed, it names nobody. */
    code: z.string(),
    /** As printed beside the code: masked, so the sticker on a coat gives little away to a glance. */
    person: z.object({ name: z.string(), idNumber: z.string() }),
  }),
  orInvisibleCharacter(z.object({ result: z.literal('refused'), problem: z.enum(PERSON_PROBLEMS) })),
]);
type StickerOutcome = z.output<typeof stickerOutcomeSchema>;

export function createStickers(db: Db, clock: Clock, record: RecordFact, keys: StickerKeys) {
  return (fields: PersonFields, actor: string): StickerOutcome => {
    const checked = checkPerson(fields, clock());
    if (!checked.ok) return { result: 'refused', ...checked.refusal };
    const { docType, docNumber, name, phone } = checked.person;
    // checkPerson passes only document types, never an opaque token.
    const code = sealSticker({ docType: docType as DocumentType, idNumber: docNumber, name, phone }, keys.forPrinting());
    const shown = { name: maskName(name), idNumber: maskIdNumber(docNumber) };
    db.transaction(() => record({ kind: 'sticker.printed', subject: docType, actor, data: shown })).immediate();
    return { result: 'sticker', code, person: shown };
  };
}
