// Shapes that travel between the core and the windows.
import { z } from 'zod';
import { ROLES } from './names';
import { DOCUMENT_TYPES } from '../domain/documents';
import { PROTOCOLS } from '../devices/profiles';
import { OPERATOR_ROLES } from '../operators/operators';
import { invisibleCharacterProblemSchema } from '../domain/personText';
import { uploadFieldsSchema } from '../upload/uploadSettings';

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
  'scan-full-width',
  'scan-pinyin',
  'nothing-to-confirm',
  'scan-typed',
  // A desk's scanner sent something no decoder could read (wrong mode, wrong profile, an oversized code).
  'scan-not-understood',
  ...PERSON_PROBLEMS,
  // Worded with the character's field, code point and position, which its refusal carries.
  'invisible-character',
]);

const invisibleCharacterRefusalSchema = invisibleCharacterProblemSchema.extend({ result: z.literal('refused') });

/** A refusal whose problem names it enough, or one for an invisible character in a person's text, saying which and where. */
const orInvisibleCharacter = <Named extends z.ZodObject<{ result: z.ZodLiteral<'refused'> }>>(named: Named) =>
  z.discriminatedUnion('problem', [named, invisibleCharacterRefusalSchema]);

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
  orInvisibleCharacter(z.object({ result: z.literal('refused'), problem: problemSchema.exclude(['invisible-character']) })),
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
  orInvisibleCharacter(
    z.object({
      result: z.literal('refused'),
      problem: z.enum(['tube-unknown', 'tube-open', 'already-voided', 'registration-unknown']),
    }),
  ),
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
  orInvisibleCharacter(
    z.object({
      result: z.literal('refused'),
      problem: z.enum(['bag-unknown', 'bag-not-sealed', 'bag-already-handed-over']),
      bag: z.string(),
    }),
  ),
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
  orInvisibleCharacter(
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
  ),
]);

const sexSchema = z.enum(['unknown', 'male', 'female', 'unspecified']);
const yyyymmdd = z.string().regex(/^\d{8}$/);
const cardField = z.string().max(120);

/** An ID card's text as the reader returned it: checked again here, since it crosses into the core. */
export const cardTextSchema = z.strictObject({
  cardType: z.enum(['resident', 'hmt-permit', 'foreign-permanent']),
  name: cardField,
  englishName: cardField.nullable(),
  sex: sexSchema,
  ethnicity: cardField.nullable(),
  birthDate: yyyymmdd,
  address: cardField.nullable(),
  idNumber: z.string().max(40),
  authority: cardField.nullable(),
  validFrom: yyyymmdd,
  validTo: yyyymmdd.nullable(),
  passNumber: cardField.nullable(),
  issueCount: cardField.nullable(),
  nationality: cardField.nullable(),
});

export const deviceReadingSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('scan'), text: z.string().max(4096), symbology: z.string().max(16).nullable() }),
  z.strictObject({ kind: z.literal('card'), card: cardTextSchema }),
]);

export const deviceStateSchema = z.strictObject({
  id: z.string().max(300),
  label: z.string().max(200),
  kind: z.enum(['scanner', 'card-reader', 'unknown']),
  protocol: z.enum(PROTOCOLS).nullable(),
  desk: z.string().max(8).nullable(),
  status: z.enum(['ready', 'unplugged', 'failed', 'unassigned', 'unknown']),
  problem: z.string().max(64).nullable(),
  noise: z.number().int().min(0),
});

/** A desk's scanner sent something its decoder could not read; `label` names the scanner to the clerk. */
export const notUnderstoodScanSchema = z.strictObject({ desk: z.string().max(8), label: z.string().max(200) });

/** What a desk's own device read, and what came of it, for that desk's window to show and sound. */
export const readingOutcomeSchema = z.object({
  device: z.string(),
  kind: z.enum(['scan', 'card']),
  /** null when the reading could not be saved at all (a full disk): `error` says why. */
  outcome: scanOutcomeSchema.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});

export const signedInOperatorSchema = z.object({ id: z.string(), name: z.string() });

export const sessionStateSchema = z.object({
  operator: signedInOperatorSchema.nullable(),
  locked: z.boolean(),
  locksInSeconds: z.number().int().nullable(),
  operators: z.array(signedInOperatorSchema),
});

export const signInOutcomeSchema = z.union([
  z.object({ result: z.literal('signed-in'), operator: signedInOperatorSchema }),
  z.object({ result: z.literal('refused'), problem: z.literal('pin-wrong'), attemptsLeft: z.number().int() }),
  z.object({ result: z.literal('refused'), problem: z.literal('too-many-attempts'), waitSeconds: z.number().int() }),
]);

export const operatorViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(OPERATOR_ROLES),
  disabled: z.boolean(),
  createdAt: z.string(),
});

export const saveOperatorOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('saved'), operator: operatorViewSchema }),
  orInvisibleCharacter(
    z.object({
      result: z.literal('refused'),
      problem: z.enum(['operator-unknown', 'name-missing', 'name-too-long', 'pin-format', 'pin-needed', 'role-needed']),
    }),
  ),
]);

export const backlogSchema = z.object({ count: z.number().int(), oldestAt: z.string().nullable() });

export const firstManagerOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('signed-in'), operator: signedInOperatorSchema }),
  orInvisibleCharacter(
    z.object({
      result: z.literal('refused'),
      problem: z.enum(['site-has-manager', 'name-missing', 'name-too-long', 'pin-format']),
    }),
  ),
]);

export const waitingBagSchema = z.object({
  barcode: z.string(),
  sealedAt: z.string(),
  tubes: z.number().int(),
  people: z.number().int(),
});

export const manifestSchema = z.object({
  number: z.string(),
  handedAt: z.string(),
  courier: z.object({ name: z.string(), phone: z.string(), vehicle: z.string() }),
  temperature: z.number().nullable(),
  totals: z.object({ bags: z.number().int(), tubes: z.number().int(), people: z.number().int() }),
  bags: z.array(
    z.object({
      barcode: z.string(),
      sealedAt: z.string(),
      tubes: z.array(z.object({ barcode: z.string(), people: z.number().int() })),
    }),
  ),
});

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

export const deskLiveSchema = z.object({
  desk: z.string(),
  tube: z.object({ barcode: z.string(), count: z.number().int(), capacity: z.number().int(), openedAt: z.string() }).nullable(),
  lastScanAt: z.string().nullable(),
  perHour: z.array(z.number().int()).length(24),
  /** Who is signed in there, and whether the desk is locked. */
  operator: z.string().nullable(),
  locked: z.boolean(),
  devices: z.array(deviceStateSchema),
});

export const foundPersonSchema = registrationViewSchema.extend({ tube: z.string(), desk: z.string(), registeredAt: z.string() });

export const guideCardSchema = z.union([
  z.object({ docType: z.enum(DOCUMENT_TYPES), idNumber: z.string(), name: z.string(), expired: z.boolean() }),
  z.object({ problem: z.enum(PERSON_PROBLEMS) }),
  invisibleCharacterProblemSchema,
]);

// Uploading to the platform, as the manager sees it.
export const uploadStatusSchema = z.object({
  state: z.enum(['off', 'idle', 'sending', 'waiting', 'halted']),
  nextAttemptAt: z.string().nullable(),
  ratePerMinute: z.number(),
  endpoint: z.string(),
  adapter: z.enum(['swabdesk', 'template', 'fhir']),
  backlog: backlogSchema,
  held: z.number().int(),
  lastSuccessAt: z.string().nullable(),
  lastError: z.object({ at: z.string(), message: z.string() }).nullable(),
});

export const heldFactsSchema = z.object({
  count: z.number().int(),
  facts: z.array(z.object({ factId: z.string(), kind: z.string(), at: z.string(), heldAt: z.string(), reason: z.string() })),
});

export const uploadSettingsViewSchema = uploadFieldsSchema.extend({ tokenSet: z.boolean() });

export const saveUploadOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('saved'), settings: uploadSettingsViewSchema }),
  z.object({ result: z.literal('refused'), field: z.string(), message: z.string() }),
]);
