// The station's side of the background worker: starts it on the first job, hands it jobs and resolves each with
// its answer; a worker that dies fails the jobs it held (each says why) and the next job starts a new one.
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RosterProgress } from '../roster/ledgerFile';
import { jobAnswerSchema, progressMessageSchema, type BackgroundJob, type WorkerData, type JobDone } from './jobs';

/**
 * The worker's script: built beside the station's own (out/main/backgroundWorker.js). Tests and benches run the
 * sources, so they build it once and say where (SWABDESK_BACKGROUND_WORKER).
 */
function workerScript(): string {
  return process.env.SWABDESK_BACKGROUND_WORKER ?? path.join(__dirname, 'backgroundWorker.js');
}

/**
 * A job the worker could not do; `code` is SQLite's (SQLITE_FULL…) where the database said no, `problem` a code the
 * windows word where the job's input was at fault, `cancelled` when it was stopped on purpose.
 */
export class BackgroundJobFailed extends Error {
  constructor(
    message: string,
    readonly code: string | null,
    readonly problem?: string,
    readonly cancelled = false,
  ) {
    super(message);
  }
}

interface Pending {
  resolve(done: JobDone): void;
  reject(error: Error): void;
}

/** `progressed` hears how far a ledger's reading or import has come. */
export function createBackground(data: WorkerData, progressed: (progress: RosterProgress) => void = () => undefined) {
  let worker: Worker | null = null;
  let stopped: Promise<void> | null = null;
  const pending = new Map<number, Pending>();
  let nextId = 1;

  function failAll(error: Error): void {
    for (const job of pending.values()) job.reject(error);
    pending.clear();
  }

  function started(): Worker {
    if (worker) return worker;
    const thread = new Worker(workerScript(), { workerData: data });
    thread.on('message', (message: unknown) => {
      const progress = progressMessageSchema.safeParse(message);
      if (progress.success) return progressed(progress.data.progress);
      const answer = jobAnswerSchema.parse(message);
      const job = pending.get(answer.id);
      pending.delete(answer.id);
      if (pending.size === 0) thread.unref();
      if (!job) return;
      if (answer.ok) job.resolve(answer);
      else job.reject(new BackgroundJobFailed(answer.message, answer.code, answer.problem, answer.cancelled));
    });
    thread.on('error', (error) => failAll(new BackgroundJobFailed(`The background worker failed: ${error.message}`, null)));
    thread.on('exit', () => {
      if (worker === thread) worker = null;
      failAll(new BackgroundJobFailed('The background worker stopped before the job was done.', null));
    });
    worker = thread;
    return thread;
  }

  function post(job: BackgroundJob): Promise<JobDone> {
    if (stopped) return Promise.reject(new BackgroundJobFailed('The station is stopping: no more background work.', null));
    const thread = started();
    const id = nextId++;
    // While a job is under way the worker keeps the process alive (a headless command waits for its backup).
    thread.ref();
    // A ledger's bytes move to the worker rather than being copied.
    thread.postMessage({ id, job }, job.kind === 'ledgerOpen' ? [job.bytes.buffer as ArrayBuffer] : []);
    return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
  }

  return {
    /** Runs a job in the worker; resolves with its count once it is done. */
    run: async (job: BackgroundJob): Promise<number> => (await post(job)).count,

    /** Runs an export with no file to write: resolves with its rows and the file's bytes. */
    async exportToMemory(job: Omit<Extract<BackgroundJob, { kind: 'export' }>, 'out'>): Promise<{ count: number; bytes: Buffer }> {
      const { count, bytes = new Uint8Array() } = await post(job);
      return { count, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
    },

    /** A job whose whole answer is wanted (a ledger's preview, an import's counts). */
    answer: post,

    /** Stops the reading or import of a ledger under way, or queued: its job fails as cancelled. */
    cancel(fileId: string): void {
      worker?.postMessage({ cancel: fileId });
    },

    /** Lets the job under way finish, then closes the worker's connection and ends it. */
    stop(): Promise<void> {
      stopped ??= new Promise<void>((resolve) => {
        if (!worker) return resolve();
        worker.once('exit', () => resolve());
        worker.ref();
        worker.postMessage('stop');
      });
      return stopped;
    },
  };
}

export type Background = ReturnType<typeof createBackground>;
