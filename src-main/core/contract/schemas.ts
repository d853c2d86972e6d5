// Shapes that travel between the core and the windows.
import { z } from 'zod';
import { ROLES } from './names';

export const roleSchema = z.enum(ROLES);

export const problemSchema = z.enum([
  'no-open-tube',
  'tube-already-used',
  'person-already-in-tube',
  'tube-empty',
  'scan-too-long',
  'scan-control-characters',
  'code-unknown',
  'id-format',
  'id-birthdate',
  'id-checkdigit',
  'name-missing',
  'phone-invalid',
]);

export const personSummarySchema = z.object({
  position: z.number().int(),
  name: z.string(),
  idNumber: z.string(),
});

export const tubeViewSchema = z.object({
  barcode: z.string(),
  capacity: z.number().int(),
  openedAt: z.string(),
  people: z.array(personSummarySchema),
});

export const sealedTubeSchema = z.object({
  barcode: z.string(),
  count: z.number().int(),
  capacity: z.number().int(),
});

export const deskStateSchema = z.object({
  desk: z.string(),
  tube: tubeViewSchema.nullable(),
});

export const scanOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('tube-opened'), tube: tubeViewSchema, sealedBefore: sealedTubeSchema.nullable() }),
  z.object({
    result: z.literal('person-added'),
    person: personSummarySchema,
    tube: sealedTubeSchema,
    sealed: z.boolean(),
  }),
  z.object({ result: z.literal('refused'), problem: problemSchema }),
]);

export const sealOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('sealed'), tube: sealedTubeSchema }),
  z.object({ result: z.literal('refused'), problem: problemSchema }),
]);

export const totalsSchema = z.object({
  day: z.string(),
  peopleToday: z.number().int(),
  openTubes: z.number().int(),
  sealedTubesToday: z.number().int(),
});

export const siteSettingsViewSchema = z.object({
  poolingRatio: z.number().int(),
  tubePattern: z.string(),
});

export const identitySchema = z.object({ role: roleSchema, desk: z.string().optional() });

export const noInput = z.strictObject({});
