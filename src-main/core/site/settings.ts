// Site settings: validated on the way in, defaults for what was never set.
import { z } from 'zod';
import type { Db } from '../db/database';

function compiles(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

export const siteSettingsSchema = z.object({
  /** People per tube (1 = single-tube sampling). */
  poolingRatio: z.number().int().min(1).max(100),
  /** What a tube barcode looks like at this site; anything else scanned is not taken for a tube. */
  tubePattern: z.string().min(1).max(200).refine(compiles, 'not a valid regular expression'),
});

export type SiteSettings = z.infer<typeof siteSettingsSchema>;

export const defaultSiteSettings: SiteSettings = {
  poolingRatio: 10,
  tubePattern: '^[0-9]{8,14}$',
};

export function readSiteSettings(db: Db): SiteSettings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as { key: string; value: string }[];
  const stored = Object.fromEntries(rows.map((row) => [row.key, JSON.parse(row.value) as unknown]));
  const merged = siteSettingsSchema.safeParse({ ...defaultSiteSettings, ...stored });
  // A stored value that no longer validates (edited by hand, older schema) falls back to the defaults.
  return merged.success ? merged.data : defaultSiteSettings;
}

export function writeSiteSettings(db: Db, changes: Partial<SiteSettings>): SiteSettings {
  const next = siteSettingsSchema.parse({ ...readSiteSettings(db), ...changes });
  const upsert = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );
  db.transaction(() => {
    for (const [key, value] of Object.entries(changes)) upsert.run(key, JSON.stringify(value));
  })();
  return next;
}

export function tubeRegExp(settings: SiteSettings): RegExp {
  return new RegExp(settings.tubePattern, 'u');
}
