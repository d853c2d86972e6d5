// Site settings: validated on the way in, defaults for what was never set.
import { z } from 'zod';
import type { Db } from '../db/database';
import { codeFormatSchema, DEFAULT_CODE_FORMATS } from '../domain/codeFormats';
import { INVISIBLE_CHARACTER } from '../domain/personText';
import { compiles, NOT_A_PATTERN } from '../domain/regex';
import { because } from '../domain/inputIssues';
import { deviceAssignmentSchema, deviceNameSchema, deviceProfileSchema } from '../domain/devices';
import { DEFAULT_DESK_SETTINGS, deskSettingsSchema, type DeskSettings } from '../domain/deskSettings';
import { GUIDE_DESK } from '../contract/names';
import type { RecordFact } from '../facts/record';

/** One PC may serve up to this many channels, each with its own clerk window and devices. */
export const MAX_DESKS = 4;

export const siteSettingsSchema = z.object({
  /** The sampling point's name, as manifests and exports print it. */
  // Printed on every manifest and sent with every batch: a hidden character there would corrupt both.
  siteName: z
    .string()
    .trim()
    .max(60)
    .refine((name) => !INVISIBLE_CHARACTER.test(name), because('invisible-character', 'no control, direction or zero-width characters')),
  /** The district's code for this sampling point, as its platform knows it. */
  siteCode: z
    .string()
    .trim()
    .max(32)
    .refine((code) => /^[A-Za-z0-9-]*$/.test(code), because('not-a-site-code', 'letters, digits and - only')),
  /** Clerk desks this station's PC serves, each with its own window and devices (`--desks` overrides it). */
  desks: z.number().int().min(1).max(MAX_DESKS),
  /** People per tube (1 = single-tube sampling). */
  poolingRatio: z.number().int().min(1).max(100),
  /** What a tube barcode looks like at this site; anything else scanned is not taken for a tube. */
  tubePattern: z.string().min(1).max(200).refine(compiles, NOT_A_PATTERN),
  /** What a transport bag's label looks like. */
  bagPattern: z.string().min(1).max(200).refine(compiles, NOT_A_PATTERN),
  /** Tubes per transport bag. */
  bagCapacity: z.number().int().min(1).max(500),
  /** A person already sampled today at this site: a warning the clerk confirms, or a refusal. */
  sameDayRepeat: z.enum(['warn', 'refuse']),
  /** When the site's day ends (HH:MM, local time): from then on the live view warns of tubes left open or unbagged. */
  closingTime: z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'a time of day, HH:MM'),
  /** Minutes without a scan or a key before a desk locks itself (the open tube stays as it is). */
  idleLockMinutes: z.number().int().min(1).max(240),
  /** Each clerk desk's own settings (names on screen, read-out); a desk not listed has the defaults. */
  deskSettings: z.array(deskSettingsSchema.extend({ desk: z.string().regex(/^[1-9][0-9]?$/) })).max(99),
  /**
   * Days a person's registration is kept after the platform acknowledged everything about it; then it is purged
   * from the database and its backups. 0 keeps everything.
   */
  retentionDays: z.number().int().min(0).max(3650),
  /** "Send coverage to the platform": the roster's counts per grid and building (never its people) are uploaded. */
  sendCoverage: z.boolean(),
  /** The personal-code formats this site accepts, tried in order (the product's sticker is always accepted). */
  codeFormats: z.array(codeFormatSchema).max(20),
  /** This site's own device profiles, tried before the shipped ones. */
  deviceProfiles: z.array(deviceProfileSchema).max(50),
  /**
   * Which desk each device feeds: a clerk desk's number, or the pre-registration window (a card reader there
   * fills its form); null = not used.
   */
  deviceAssignments: z
    .array(deviceAssignmentSchema.extend({ desk: z.union([z.string().regex(/^[1-9][0-9]?$/), z.literal(GUIDE_DESK)]).nullable() }))
    .max(100),
  /** The manager's names for devices; a device without one is called by its model and port. */
  deviceNames: z.array(deviceNameSchema).max(100),
});

export type SiteSettings = z.infer<typeof siteSettingsSchema>;

export const defaultSiteSettings: SiteSettings = {
  siteName: '',
  siteCode: '',
  desks: 1,
  poolingRatio: 10,
  tubePattern: '^[0-9]{8,14}$',
  bagPattern: '^B[0-9]{6,14}$',
  bagCapacity: 20,
  sameDayRepeat: 'warn',
  closingTime: '17:00',
  idleLockMinutes: 5,
  deskSettings: [],
  retentionDays: 30,
  sendCoverage: false,
  codeFormats: DEFAULT_CODE_FORMATS,
  deviceProfiles: [],
  deviceAssignments: [],
  deviceNames: [],
};

export function readSiteSettings(db: Db): SiteSettings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored = Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
  const merged = siteSettingsSchema.safeParse({ ...defaultSiteSettings, ...stored });
  // A stored value that no longer validates (edited by hand, older schema) falls back to the defaults.
  return merged.success ? merged.data : defaultSiteSettings;
}

/** Writes validated changes and records them, with the values they replace, in the audit trail. */
export function writeSiteSettings(db: Db, changes: Partial<SiteSettings>, record: RecordFact, actor: string): SiteSettings {
  const upsert = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  return db
    .transaction(() => {
      const before = readSiteSettings(db);
      const next = siteSettingsSchema.parse({ ...before, ...changes });
      const keys = Object.keys(changes) as (keyof SiteSettings)[];
      for (const key of keys) upsert.run(key, JSON.stringify(next[key]));
      const old = Object.fromEntries(keys.map((key) => [key, before[key]]));
      record({ kind: 'settings.changed', subject: 'site', actor, data: { changes, old } });
      return next;
    })
    .immediate();
}

/** The settings of one clerk desk, or the defaults. */
export function settingsOfDesk(settings: SiteSettings, desk: string): DeskSettings {
  const own = settings.deskSettings.find((entry) => entry.desk === desk);
  return own ? { readOut: own.readOut, names: own.names } : DEFAULT_DESK_SETTINGS;
}

export function scanPatterns(settings: SiteSettings): { tube: RegExp; bag: RegExp } {
  return { tube: new RegExp(settings.tubePattern, 'u'), bag: new RegExp(settings.bagPattern, 'u') };
}
