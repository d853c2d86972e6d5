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
import type { CellValue, Column } from '../export/cells';
import type { SpreadsheetFormat } from '../export/file';
import { memorySink } from '../export/memorySink';
import { exportRows, registrationColumns } from '../export/registrations';
import { createLedgerJobs } from '../roster/ledgerJobs';
import { LedgerCancelled } from '../roster/ledger';
import { notYetFile } from '../roster/notYetFile';
import { createRosterRetention } from '../roster/rosterRetention';
import { createRosterRecount } from '../roster/recount';
import { cancelRequestSchema, jobRequestSchema, workerDataSchema, type BackgroundJob, type JobAnswer, type JobDone } from './jobs';

/** Between two of retention's write transactions: long enough for a desk waiting on the lock to get it first. */
const REST_MS = 20;
/**
 * Between two of a roster import's or recount's write transactions, each a few milliseconds: a desk waiting on the
 * lock checks again within 3 ms, so a short rest lets it in and their thousands of transactions don't add minutes.
 */
const ROSTER_REST_MS = 5;
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
const purgeRoster = createRosterRetention(db, () => new Promise((resolve) => setTimeout(resolve, REST_MS)));
const recountRoster = createRosterRecount(db, () => new Promise((resolve) => setTimeout(resolve, ROSTER_REST_MS)));
const ledgers = createLedgerJobs(
  db,
  (progress) => parentPort!.postMessage({ progress }),
  () => new Promise((resolve) => setTimeout(resolve, ROSTER_REST_MS)),
);

/** A table into a file on disk (`out`), or into memory for a window. */
async function writeTable(
  table: { columns: Column[]; rows: Iterable<CellValue[]>; sheetName: string },
  format: SpreadsheetFormat,
  out: string | undefined,
): Promise<JobDone> {
  const memory = out === undefined ? memorySink() : null;
  const sink = memory?.sink ?? fs.createWriteStream(out!);
  // The writers load on first use: exceljs is large, and a worker that never exports never loads it.
  const count =
    format === 'csv'
      ? await (await import('../export/writeCsv')).writeCsv(table.columns, table.rows, sink)
      : await (await import('../export/writeXlsx')).writeXlsx(table.columns, table.rows, sink, table.sheetName);
  return memory ? { count, bytes: memory.bytes() } : { count };
}

function exportDay(job: Extract<BackgroundJob, { kind: 'export' }>): Promise<JobDone> {
  const table = { columns: registrationColumns(job.language), rows: exportRows(db, job.day, job.full, job.language), sheetName: job.day };
  return writeTable(table, job.format, job.out);
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
      // Registrations and roster people: whatever went, the backups that still hold it are replaced.
      return { count: (await purgeExpired(job)) + (await purgeRoster(job)) };
    case 'export':
      return exportDay(job);
    case 'checkpoint':
      checkpointWal(db);
      return { count: 0 };
    case 'ledgerOpen':
      return { count: 0, preview: await ledgers.open(job.fileId, job.fileName, job.bytes, job.choice, job.today) };
    case 'ledgerRemap':
      return { count: 0, preview: await ledgers.remap(job.fileId, job.choice, job.today) };
    case 'ledgerImport':
      return { count: 0, imported: await ledgers.import(job.fileId, job.at, job.actor) };
    case 'ledgerRefused': {
      const { count, bytes } = await ledgers.refusedRows(job.fileId, job.format, job.language);
      // A buffer of its own to transfer (the writer's bytes may share one with others).
      return { count, bytes: new Uint8Array(bytes) };
    }
    case 'rosterRecount':
      return { count: await recountRoster() };
    case 'notYetFile':
      return writeTable(notYetFile(db, job.filter, job.full, job.language), job.format, undefined);
  }
}

/** Why a job failed, as its answer says it. */
function failure(id: number, error: unknown): JobAnswer {
  const { code, problem } = error as { code?: unknown; problem?: unknown };
  return {
    id,
    ok: false,
    message: (error as Error).message,
    code: typeof code === 'string' ? code : null,
    ...(typeof problem === 'string' ? { problem } : {}),
    ...(error instanceof LedgerCancelled ? { cancelled: true } : {}),
  };
}

// One job at a time: a backup never reads while a purge writes, and the answers come back in order.
let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', (message: unknown) => {
  // A cancel goes past the queue: the reading it stops is the job under way, or one waiting.
  const cancel = cancelRequestSchema.safeParse(message);
  if (cancel.success) return ledgers.cancel(cancel.data.cancel);
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
      answer = failure(request.id, error);
    }
    parentPort!.postMessage(answer, answer.ok && answer.bytes ? [answer.bytes.buffer] : []);
  });
});
