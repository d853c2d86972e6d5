// The work the background worker does for the station, each job and its answer one schema: what crosses between
// the station's thread and the worker is checked on arrival like any other input.
import { z } from 'zod';
import { exportLanguageSchema } from '../export/words';

export const backgroundJobSchema = z.discriminatedUnion('kind', [
  /** A timestamped backup into `dir`, keeping the newest `keep`. */
  z.object({ kind: z.literal('backup'), dir: z.string(), keep: z.number().int().min(1), at: z.string() }),
  /** A backup to one file (the headless command). */
  z.object({ kind: z.literal('backupTo'), file: z.string() }),
  /** Retention: what the platform has had since before `cutoff`. */
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
]);
export type BackgroundJob = z.output<typeof backgroundJobSchema>;

/**
 * What a job answers: how many rows it exported or purged (0 for the others), and an export's file made in memory
 * (its buffer transferred, not copied).
 */
export const jobAnswerSchema = z.discriminatedUnion('ok', [
  z.object({ id: z.number().int(), ok: z.literal(true), count: z.number().int(), bytes: z.instanceof(Uint8Array).optional() }),
  z.object({ id: z.number().int(), ok: z.literal(false), message: z.string(), code: z.string().nullable() }),
]);
export type JobAnswer = z.output<typeof jobAnswerSchema>;
/** What a finished job gives back: its count, and an export's file when it was kept in memory. */
export type JobDone = Omit<Extract<JobAnswer, { ok: true }>, 'id' | 'ok'>;

export const jobRequestSchema = z.object({ id: z.number().int(), job: backgroundJobSchema });

/** Where the worker opens the station's database, as the station itself does. */
export const workerDataSchema = z.object({
  file: z.string(),
  key: z.string().optional(),
  nativeBinding: z.string().optional(),
});
export type WorkerData = z.output<typeof workerDataSchema>;
