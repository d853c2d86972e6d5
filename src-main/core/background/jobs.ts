// The work the background worker does for the station, each job and its answer one schema: what crosses between
// the station's thread and the worker is checked on arrival like any other input.
import { z } from 'zod';
import { exportLanguageSchema } from '../export/words';
import { spreadsheetFormatSchema } from '../export/file';
import { ledgerChoiceSchema, rosterProgressSchema } from '../roster/ledgerFile';
import { importedSchema, ledgerPreviewSchema, notYetFilterSchema } from '../roster/schemas';

export const backgroundJobSchema = z.discriminatedUnion('kind', [
  /** A timestamped backup into `dir`, keeping the newest `keep`. */
  z.object({ kind: z.literal('backup'), dir: z.string(), keep: z.number().int().min(1), at: z.string() }),
  /** A backup to one file (the headless command). */
  z.object({ kind: z.literal('backupTo'), file: z.string() }),
  /** Retention: what the platform has had since before `cutoff`, and a roster whose last round ended before it. */
  z.object({ kind: z.literal('purge'), cutoff: z.string(), at: z.string(), actor: z.string() }),
  /** The day's registrations as a CSV or XLSX file: into `out`, or without it back in the answer (a window's download). */
  z.object({
    kind: z.literal('export'),
    format: z.enum(['csv', 'xlsx']),
    day: z.string(),
    out: z.string().optional(),
    full: z.boolean(),
    language: exportLanguageSchema,
  }),
  /** Copies the WAL into the database without holding the desks up. */
  z.object({ kind: z.literal('checkpoint') }),
  /** Reads a roster ledger (its bytes transferred) into a preview; the worker keeps the file for what follows. */
  z.object({
    kind: z.literal('ledgerOpen'),
    fileId: z.uuid(),
    fileName: z.string(),
    bytes: z.instanceof(Uint8Array),
    choice: ledgerChoiceSchema,
    today: z.string(),
  }),
  /** The kept ledger read again with another sheet or mapping. */
  z.object({ kind: z.literal('ledgerRemap'), fileId: z.uuid(), choice: ledgerChoiceSchema, today: z.string() }),
  /** The kept ledger's good rows into the roster, shown all at once. */
  z.object({ kind: z.literal('ledgerImport'), fileId: z.uuid(), at: z.string(), actor: z.string() }),
  /** The kept ledger's refused rows as a file for the grid worker. */
  z.object({ kind: z.literal('ledgerRefused'), fileId: z.uuid(), format: spreadsheetFormatSchema, language: exportLanguageSchema }),
  /** Every person of the roster counted again for a round that changed (from the mark a stopped station left). */
  z.object({ kind: z.literal('rosterRecount') }),
  /** The people not sampled yet as a file. */
  z.object({ kind: z.literal('notYetFile'), filter: notYetFilterSchema, full: z.boolean(), format: spreadsheetFormatSchema, language: exportLanguageSchema }),
]);
export type BackgroundJob = z.output<typeof backgroundJobSchema>;

/**
 * What a job answers: how many rows it exported or purged (0 for the others), and an export's file made in memory
 * (its buffer transferred, not copied); a ledger's preview, or what its import did. A job stopped on purpose (a
 * ledger's reading cancelled) says `cancelled`; `problem` is a code the windows word (a file that is no spreadsheet).
 */
export const jobAnswerSchema = z.discriminatedUnion('ok', [
  z.object({
    id: z.number().int(),
    ok: z.literal(true),
    count: z.number().int(),
    bytes: z.instanceof(Uint8Array).optional(),
    preview: ledgerPreviewSchema.optional(),
    imported: importedSchema.optional(),
  }),
  z.object({
    id: z.number().int(),
    ok: z.literal(false),
    message: z.string(),
    code: z.string().nullable(),
    problem: z.string().optional(),
    cancelled: z.boolean().optional(),
  }),
]);
export type JobAnswer = z.output<typeof jobAnswerSchema>;
/** What a finished job gives back: its count, and an export's file when it was kept in memory. */
export type JobDone = Omit<Extract<JobAnswer, { ok: true }>, 'id' | 'ok'>;

/** From the station to the worker besides jobs: stop a ledger's reading or import under way. */
export const cancelRequestSchema = z.object({ cancel: z.uuid() });

/** From the worker besides answers: how far a ledger's reading or import has come. */
export const progressMessageSchema = z.object({ progress: rosterProgressSchema });

export const jobRequestSchema = z.object({ id: z.number().int(), job: backgroundJobSchema });

/** Where the worker opens the station's database, as the station itself does. */
export const workerDataSchema = z.object({
  file: z.string(),
  key: z.string().optional(),
  nativeBinding: z.string().optional(),
});
export type WorkerData = z.output<typeof workerDataSchema>;
