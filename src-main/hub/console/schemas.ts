// The district console's API (/console/api/…) as schemas: what the page sends and what the hub answers. The page
// reads its types from here, so the hub and the page share one definition of each shape.
import { z } from 'zod';
import { siteSettingsSchema } from '../../core/site/settings';

export const CONSOLE_API = '/console/api';

export const roleSchema = z.enum(['viewer', 'officer']);
export type ConsoleRole = z.output<typeof roleSchema>;

/** One line, no control characters: a user's name shows in the audit and on the page. */
export const userNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((text) => !/\p{Cc}/u.test(text), 'no control characters');

export const PASSWORD_MIN_LENGTH = 10;
export const passwordSchema = z.string().min(PASSWORD_MIN_LENGTH).max(200);

export const newUserSchema = z.object({ name: userNameSchema, role: roleSchema, password: passwordSchema });

/** A sign-in is checked against what is stored, so only the lengths the store could hold are bounded here. */
export const signInSchema = z.strictObject({ name: z.string().max(200), password: z.string().max(200) });

export const meSchema = z.object({ name: z.string(), role: roleSchema });

/** YYYY-MM-DD, the day in the hub's time zone; today when left out. */
export const dayQuerySchema = z.strictObject({ day: z.iso.date().optional() });

export const siteCodeSchema = siteSettingsSchema.shape.siteCode.pipe(z.string().min(1));
export const registrationIdSchema = z.uuid();

const totalsSchema = z.object({
  /** Registrations added that day still active (not removed, not voided). */
  people: z.number(),
  tubesOpen: z.number(),
  tubesSealed: z.number(),
  bags: z.number(),
  bagsSealed: z.number(),
  handovers: z.number(),
});

export const siteSummarySchema = z.object({
  code: z.string(),
  name: z.string().nullable(),
  stations: z.number(),
  /** The most recent batch of any of its stations; null before the first. */
  lastContact: z.string().nullable(),
  conflicts: z.number(),
  totals: totalsSchema,
});

export const sitesAnswerSchema = z.object({ day: z.string(), sites: z.array(siteSummarySchema) });

export const stationSchema = z.object({
  stationId: z.string(),
  label: z.string().nullable(),
  lastContact: z.string(),
  /** Facts the station recorded that day (its clock) that reached the hub. */
  factsToday: z.number(),
  /**
   * What the station said it still had to send, with its latest batch: how many facts, and when the oldest was
   * recorded (the hub's clock). Null for a station that never said (older stations do not).
   */
  backlog: z.object({ waiting: z.number(), oldestAt: z.string().nullable() }).nullable(),
});

export const deskSchema = z.object({
  stationId: z.string(),
  desk: z.string(),
  tubes: z.number(),
  lastOpenedAt: z.string(),
  openTube: z.string().nullable(),
});

export const handoverSchema = z.object({
  handoverId: z.string(),
  number: z.string(),
  stationId: z.string(),
  handedAt: z.string(),
  courierName: z.string(),
  bags: z.number(),
  temperature: z.number().nullable(),
});

export const siteAnswerSchema = z.object({
  day: z.string(),
  site: siteSummarySchema,
  stations: z.array(stationSchema),
  desks: z.array(deskSchema),
  handovers: z.array(handoverSchema),
});

const registrationBase = {
  registrationId: z.string(),
  tubeBarcode: z.string().nullable(),
  stationId: z.string().nullable(),
  position: z.number().nullable(),
  status: z.enum(['active', 'removed', 'voided']).nullable(),
  addedAt: z.string().nullable(),
};

/** As every list shows it: name, document number and phone masked. */
export const maskedRegistrationSchema = z.object({
  ...registrationBase,
  name: z.string(),
  docNumber: z.string(),
  phone: z.string(),
});

export const registrationsAnswerSchema = z.object({ day: z.string(), registrations: z.array(maskedRegistrationSchema) });

/** One registration in full, for an officer, audited. */
export const fullRegistrationSchema = z.object({
  ...registrationBase,
  name: z.string().nullable(),
  docType: z.string().nullable(),
  docNumber: z.string().nullable(),
  phone: z.string().nullable(),
  sex: z.string().nullable(),
  birthDate: z.string().nullable(),
  correctedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
});

/** What the API answers with a status other than 200: the code the page turns into its own words. */
export const consoleErrorSchema = z.object({ error: z.string(), message: z.string() });

export type SiteSummary = z.output<typeof siteSummarySchema>;
export type SitesAnswer = z.output<typeof sitesAnswerSchema>;
export type SiteAnswer = z.output<typeof siteAnswerSchema>;
export type MaskedRegistration = z.output<typeof maskedRegistrationSchema>;
export type FullRegistration = z.output<typeof fullRegistrationSchema>;
export type Me = z.output<typeof meSchema>;
