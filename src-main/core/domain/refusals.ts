// The refusals every feature that takes a person's details shares, so each window words them the same way.
import { z } from 'zod';
import { invisibleCharacterProblemSchema } from './personText';

/** What can be wrong with a person's details, wherever they are entered or corrected. */
export const PERSON_PROBLEMS = ['id-format', 'id-birthdate', 'id-checkdigit', 'id-region', 'name-missing', 'phone-invalid'] as const;

const invisibleCharacterRefusalSchema = invisibleCharacterProblemSchema.extend({ result: z.literal('refused') });

/** A refusal whose problem names it enough, or one for an invisible character in a person's text, saying which and where. */
export const orInvisibleCharacter = <Named extends z.ZodObject<{ result: z.ZodLiteral<'refused'> }>>(named: Named) =>
  z.discriminatedUnion('problem', [named, invisibleCharacterRefusalSchema]);
