// Shapes that travel between the core and the windows.
import { z } from 'zod';
import { ROLES } from './names';

export const roleSchema = z.enum(ROLES);

/** What can be wrong with a person's details, wherever they are entered or corrected. */
const PERSON_PROBLEMS = ['id-format', 'id-birthdate', 'id-checkdigit', 'id-region', 'name-missing', 'phone-invalid'] as const;

export const problemSchema = z.enum([
  'no-open-tube',
  'tube-already-used',
  'person-already-in-tube',
  'sampled-today',
  'tube-empty',
  'bag-label-at-desk',
  'scan-too-long',
  'scan-control-characters',
  'scan-invalid-text',
  'code-unknown',
  ...PERSON_PROBLEMS,
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

export const tubeCountSchema = z.object({
  barcode: z.string(),
  count: z.number().int(),
  capacity: z.number().int(),
});

export const deskStateSchema = z.object({
  desk: z.string(),
  tube: tubeViewSchema.nullable(),
});

export const scanOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('tube-opened'), tube: tubeViewSchema, sealedBefore: tubeCountSchema.nullable() }),
  z.object({
    result: z.literal('person-added'),
    person: personSummarySchema,
    tube: tubeCountSchema,
    sealed: z.boolean(),
    warning: z.literal('card-expired').optional(),
  }),
  z.object({ result: z.literal('confirm'), warning: z.literal('sampled-today'), person: personSummarySchema }),
  z.object({ result: z.literal('refused'), problem: problemSchema }),
]);

export const undoOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('removed'), person: personSummarySchema, tube: tubeCountSchema }),
  z.object({ result: z.literal('refused'), problem: problemSchema }),
]);

export const sealOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('sealed'), tube: tubeCountSchema }),
  z.object({ result: z.literal('refused'), problem: problemSchema }),
]);

export const totalsSchema = z.object({
  day: z.string(),
  peopleToday: z.number().int(),
  openTubes: z.number().int(),
  sealedTubesToday: z.number().int(),
});

export const voidOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('voided') }),
  z.object({
    result: z.literal('refused'),
    problem: z.enum(['tube-unknown', 'tube-open', 'already-voided', 'registration-unknown']),
  }),
]);

export const bagViewSchema = z.object({
  barcode: z.string(),
  capacity: z.number().int(),
  tubes: z.array(z.string()),
});

export const packingOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('bag-opened'), bag: bagViewSchema }),
  z.object({ result: z.literal('tube-packed'), bag: bagViewSchema, sealed: z.boolean() }),
  z.object({ result: z.literal('bag-sealed'), bag: bagViewSchema }),
  z.object({
    result: z.literal('refused'),
    problem: z.enum([
      'no-open-bag',
      'bag-already-used',
      'bag-full',
      'bag-empty',
      'tube-unknown',
      'tube-not-sealed',
      'tube-voided',
      'tube-already-bagged',
      'not-a-bag-or-tube',
    ]),
  }),
]);

export const handoverInputSchema = z.strictObject({
  bags: z.array(z.string().min(1).max(64)).min(1).max(200),
  courier: z.strictObject({
    name: z.string().trim().min(1).max(40),
    phone: z.string().trim().regex(/^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, 'a mobile or landline number'),
    vehicle: z.string().trim().min(1).max(20),
  }),
  temperature: z.number().min(-40).max(40).nullable(),
});

export const handoverOutcomeSchema = z.discriminatedUnion('result', [
  z.object({
    result: z.literal('handed-over'),
    number: z.string(),
    bags: z.number().int(),
    tubes: z.number().int(),
    people: z.number().int(),
  }),
  z.object({
    result: z.literal('refused'),
    problem: z.enum(['bag-unknown', 'bag-not-sealed', 'bag-already-handed-over']),
    bag: z.string(),
  }),
]);

export const unbaggedTubeSchema = z.object({
  barcode: z.string(),
  desk: z.string(),
  people: z.number().int(),
  sealedAt: z.string(),
});

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

const registrationStatusSchema = z.enum(['active', 'removed', 'voided']);

/** One registration as the manager's screens show it (masked in lists, in full when correcting it). */
const registrationViewSchema = z.object({
  registrationId: z.string(),
  position: z.number().int(),
  status: registrationStatusSchema,
  docType: z.string(),
  idNumber: z.string(),
  name: z.string(),
  phone: z.string(),
});

export const tubePeopleSchema = z.object({
  barcode: z.string(),
  desk: z.string(),
  status: z.enum(['open', 'sealed']),
  voided: z.boolean(),
  people: z.array(registrationViewSchema),
});

export const registrationDetailSchema = registrationViewSchema.extend({ tube: z.string() });

const correctedFieldSchema = z.enum(['docType', 'idNumber', 'name', 'phone']);

export const correctionOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('corrected'), fields: z.array(correctedFieldSchema) }),
  z.object({
    result: z.literal('refused'),
    problem: z.enum([
      'registration-unknown',
      'registration-voided',
      'code-token',
      'nothing-changed',
      'person-already-in-tube',
      ...PERSON_PROBLEMS,
    ]),
  }),
]);
