// The background worker: a thread with its own connection to the station's database, where backups, retention,
// exports and checkpoints run, so the thread every desk's scan goes through is never held up by them. Jobs run one
// at a time, in the order they came; each write transaction is short and is followed by a rest.
import fs from 'node:fs';
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../db/database';
import { backupTo, rotateBackups } from '../maintenance/backup';
import { createRetention } from '../maintenance/retention';
import { checkpointWal } from '../maintenance/wal';
import { memorySink } from '../export/memorySink';
import { exportRows, registrationColumns } from '../export/registrations';
import { jobRequestSchema, workerDataSchema, type BackgroundJob, type JobAnswer, type JobDone } from './jobs';

/** Between two of retention's write transactions: long enough for a desk waiting on the lock to get it first. */
const REST_MS = 20;
/** How far below the desks' thread the worker runs (the highest niceness, 19, is the lowest priority). */
const BACKGROUND_NICENESS = 10;
/** Between two slices of a backup written to disk: the disk's turn for the desks' own flushes. */
const BACKUP_REST_MS = 2;

// The desks' thread first: on Linux this lowers this thread alone (elsewhere it may say no, which changes nothing).
try {
  os.setPriority(BACKGROUND_NICENESS);
} catch {
  // Not allowed here: the work still runs, only not behind the desks.
}

const options = workerDataSchema.parse(workerData);
const db = openDatabase(options.file, options.key, options.nativeBinding);
const purgeExpired = createRetention(db, () => new Promise((resolve) => setTimeout(resolve, REST_MS)));

async function exportDay(job: Extract<BackgroundJob, { kind: 'export' }>): Promise<JobDone> {
  const columns = registrationColumns(job.language);
  const rows = exportRows(db, job.day, job.full, job.language);
  const memory = job.out === undefined ? memorySink() : null;
  const sink = memory?.sink ?? fs.createWriteStream(job.out!);
  // The writers load on first use: exceljs is large, and a worker that never exports never loads it.
  const count =
    job.format === 'csv'
      ? await (await import('../export/writeCsv')).writeCsv(columns, rows, sink)
      : await (await import('../export/writeXlsx')).writeXlsx(columns, rows, sink, job.day);
  return memory ? { count, bytes: memory.bytes() } : { count };
}

async function run(job: BackgroundJob): Promise<JobDone> {
  switch (job.kind) {
    case 'backup':
      await rotateBackups(db, job.dir, job.keep, BACKUP_REST_MS, () => new Date(job.at));
      return { count: 0 };
    case 'backupTo':
      await backupTo(db, job.file, BACKUP_REST_MS);
      return { count: 0 };
    case 'purge':
      return { count: await purgeExpired(job) };
    case 'export':
      return exportDay(job);
    case 'checkpoint':
      checkpointWal(db);
      return { count: 0 };
  }
}

// One job at a time: a backup never reads while a purge writes, and the answers come back in order.
let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', (message: unknown) => {
  if (message === 'stop') {
    queue = queue.then(() => {
      db.close();
      parentPort!.close();
    });
    return;
  }
  const request = jobRequestSchema.parse(message);
  queue = queue.then(async () => {
    let answer: JobAnswer;
    try {
      answer = { id: request.id, ok: true, ...(await run(request.job)) };
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      answer = { id: request.id, ok: false, message: (error as Error).message, code: typeof code === 'string' ? code : null };
    }
    parentPort!.postMessage(answer, answer.ok && answer.bytes ? [answer.bytes.buffer] : []);
  });
});
