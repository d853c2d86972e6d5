// An ID card on the pre-registration window's reader: its details go into the form (nothing is stored), or the
// window is told why the card was refused. An expired card is said, not refused: the sticker is the guide's call.
import { z } from 'zod';
import type { CardText } from '../domain/devices';
import { DOCUMENT_TYPES, type DocumentType } from '../domain/documents';
import { invisibleCharacterProblemSchema } from '../domain/personText';
import { PERSON_PROBLEMS } from '../domain/refusals';
import { checkCardPerson } from '../registration/cardPerson';

export const guideCardSchema = z.union([
  z.object({ docType: z.enum(DOCUMENT_TYPES), idNumber: z.string(), name: z.string(), expired: z.boolean() }),
  z.object({ problem: z.enum(PERSON_PROBLEMS) }),
  invisibleCharacterProblemSchema,
]);
export type GuideCard = z.output<typeof guideCardSchema>;

export function readGuideCard(card: CardText, today: Date): GuideCard {
  const checked = checkCardPerson(card, today);
  if (!checked.ok) return checked.refusal;
  // A card always names a document type, never an opaque token.
  const { docType, docNumber, name } = checked.person;
  return { docType: docType as DocumentType, idNumber: docNumber, name, expired: checked.expired };
}
