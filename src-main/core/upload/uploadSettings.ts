// Where and how this station uploads: validated on the way in like every setting. The platform's token is a
// secret: it is written, never read back to a window, and the audit trail records only that it changed.
import { z } from 'zod';
import type { Db } from '../db/database';
import type { RecordFact } from '../facts/record';
import { because, inputIssues, inputIssueSchema } from '../domain/inputIssues';
import { templateProblem } from './adapters/template';

type Refusal = ReturnType<typeof because>;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Empty (uploading off), or an https URL; plain http only to this computer (a receiver on loopback). */
function endpointProblem(text: string): Refusal | null {
  if (text === '') return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return because('not-a-url', 'not a URL');
  }
  if (url.protocol === 'https:') return null;
  if (url.protocol === 'http:' && LOOPBACK.has(url.hostname)) return null;
  return because('not-https', 'must start with https:// (plain http only to 127.0.0.1)');
}

/** Each setting on its own (what a partial change is checked against). */
export const uploadFieldsSchema = z
  .object({
    /** The platform's URL; empty = uploading off. The native protocol posts to `<endpoint>/v1/facts`. */
    endpoint: z
      .string()
      .trim()
      .max(500)
      .superRefine((text, ctx) => {
        const problem = endpointProblem(text);
        if (problem) ctx.addIssue({ code: 'custom', ...problem });
      }),
    /** swabdesk = the documented protocol; template = the same batches with each fact mapped; fhir = FHIR R4. */
    adapter: z.enum(['swabdesk', 'template', 'fhir']),
    /** The JSON template, when the adapter is `template`. */
    template: z.string().max(20_000),
    /** Facts per request. */
    batchSize: z.number().int().min(1).max(1000),
    /** Seconds between looks at an empty outbox (a backlog is sent without waiting). */
    intervalSeconds: z.number().int().min(1).max(3600),
  })
  .strict();

/** The settings as a whole: a template adapter needs a template it can use. */
export const uploadSettingsSchema = uploadFieldsSchema.superRefine((settings, ctx) => {
  if (settings.adapter !== 'template') return;
  const problem = templateProblem(settings.template);
  if (problem) ctx.addIssue({ code: 'custom', path: ['template'], ...problem });
});

export type UploadSettings = z.infer<typeof uploadSettingsSchema>;

export const defaultUploadSettings: UploadSettings = {
  endpoint: '',
  adapter: 'swabdesk',
  template: '',
  batchSize: 200,
  intervalSeconds: 10,
};

/** The token as given: printable, no spaces (it travels in an Authorization header). */
export const uploadTokenSchema = z
  .string()
  .max(500)
  .refine((token) => /^[\x21-\x7e]*$/.test(token), because('token-characters', 'printable characters, no spaces'));

/** The settings as a window sees them: the token only as whether one is set. */
export const uploadSettingsViewSchema = uploadFieldsSchema.extend({ tokenSet: z.boolean() });
type UploadSettingsView = z.output<typeof uploadSettingsViewSchema>;

export const saveUploadOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('saved'), settings: uploadSettingsViewSchema }),
  // What is wrong, each issue with the setting it concerns.
  z.object({ result: z.literal('refused'), issues: z.array(inputIssueSchema) }),
]);
type SaveUploadOutcome = z.output<typeof saveUploadOutcomeSchema>;

const SETTINGS_KEY = 'upload';
const TOKEN_KEY = 'uploadToken';

export function createUploadSettings(db: Db, record: RecordFact) {
  const read = db.prepare<[string], string>('SELECT value FROM settings WHERE key = ?').pluck();
  const upsert = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  );

  function settings(): UploadSettings {
    const stored = read.get(SETTINGS_KEY);
    const parsed = uploadSettingsSchema.safeParse({ ...defaultUploadSettings, ...(stored ? JSON.parse(stored) : {}) });
    return parsed.success ? parsed.data : defaultUploadSettings;
  }

  function token(): string {
    const stored = read.get(TOKEN_KEY);
    return stored ? (JSON.parse(stored) as string) : '';
  }

  const view = (): UploadSettingsView => ({ ...settings(), tokenSet: token() !== '' });

  return {
    settings,
    token,
    view,
    /**
     * Changes checked together with what they leave unchanged, and a new token when one is given ('' removes it);
     * recorded in the audit trail. A refusal names the setting and changes nothing.
     */
    save(changes: Partial<UploadSettings>, newToken: string | undefined, actor: string): SaveUploadOutcome {
      return db
        .transaction((): SaveUploadOutcome => {
          const before = settings();
          const checked = uploadSettingsSchema.safeParse({ ...before, ...changes });
          if (!checked.success) return { result: 'refused', issues: inputIssues(checked.error) };
          const next = checked.data;
          upsert.run(SETTINGS_KEY, JSON.stringify(next));
          if (newToken !== undefined) upsert.run(TOKEN_KEY, JSON.stringify(uploadTokenSchema.parse(newToken)));
          const data = { upload: { changes, old: before }, tokenChanged: newToken !== undefined };
          record({ kind: 'settings.changed', subject: 'upload', actor, data });
          return { result: 'saved', settings: view() };
        })
        .immediate();
    },
  };
}

export type UploadSettingsStore = ReturnType<typeof createUploadSettings>;
