// Shapes that travel between the core and the windows and belong to no one feature: the caller, the handlers' own
// answers, and what several features share. A feature's outcomes are defined beside the code that makes them.
import { z } from 'zod';
import { ROLES } from './names';
import { DOCUMENT_TYPES } from '../domain/documents';
import { deviceStateSchema } from '../domain/devices';
import { invisibleCharacterProblemSchema } from '../domain/personText';
import { orInvisibleCharacter, PERSON_PROBLEMS } from '../domain/refusals';
import { signedInOperatorSchema } from '../operators/operators';
import { scanOutcomeSchema } from '../registration/tubeLoop';
import { deskActivitySchema } from '../site/live';

export const roleSchema = z.enum(ROLES);

export const reasonSchema = z.string().trim().min(2).max(200);

export const identitySchema = z.object({ role: roleSchema, desk: z.string().optional() });

export const noInput = z.strictObject({});

export const healthSchema = z.object({
  freeBytes: z.number(),
  /** Below the warning threshold: the windows tell the manager to free space before the disk is full. */
  lowDisk: z.boolean(),
});

export const codeFormatTestSchema = z.object({
  result: z
    .discriminatedUnion('kind', [
      z.object({
        kind: z.literal('person'),
        format: z.string(),
        fields: z.object({ docType: z.string(), name: z.string(), idNumber: z.string(), phone: z.string() }),
      }),
      z.object({ kind: z.literal('token'), format: z.string(), token: z.string() }),
    ])
    .nullable(),
  formats: z.array(z.object({ name: z.string(), matches: z.boolean() })),
});

/** What a desk's own device read, and what came of it, for that desk's window to show and sound. */
export const readingOutcomeSchema = z.object({
  device: z.string(),
  kind: z.enum(['scan', 'card']),
  /** null when the reading could not be saved at all (a full disk): `error` says why. */
  outcome: scanOutcomeSchema.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

export const firstManagerOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('signed-in'), operator: signedInOperatorSchema }),
  orInvisibleCharacter(
    z.object({
      result: z.literal('refused'),
      problem: z.enum(['site-has-manager', 'name-missing', 'name-too-long', 'pin-format']),
    }),
  ),
]);

/** A file for the window to save: its name, type and bytes (base64, as JSON carries them). */
export const fileSchema = z.object({ fileName: z.string(), mime: z.string(), base64: z.string() });

export const stickerOutcomeSchema = z.discriminatedUnion('result', [
  z.object({
    result: z.literal('sticker'),
    /** The text the sticker's QR code carries. */
    code: z.string(),
    /** As printed beside the code: masked, so the sticker on a coat gives little away to a glance. */
    person: z.object({ name: z.string(), idNumber: z.string() }),
  }),
  orInvisibleCharacter(z.object({ result: z.literal('refused'), problem: z.enum(PERSON_PROBLEMS) })),
]);

export const deskLiveSchema = deskActivitySchema.extend({
  /** Who is signed in there, and whether the desk is locked. */
  operator: z.string().nullable(),
  locked: z.boolean(),
  devices: z.array(deviceStateSchema),
});

export const guideCardSchema = z.union([
  z.object({ docType: z.enum(DOCUMENT_TYPES), idNumber: z.string(), name: z.string(), expired: z.boolean() }),
  z.object({ problem: z.enum(PERSON_PROBLEMS) }),
  invisibleCharacterProblemSchema,
]);
