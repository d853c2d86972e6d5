// The station's side of a roster ledger: hands the file to the background worker (its bytes never on the desks'
// thread longer than decoding them), and turns what the worker could not read into a refusal the window words.
import { randomUUID } from 'node:crypto';
import { BackgroundJobFailed, type Background } from '../background/background';
import type { BackgroundJob } from '../background/jobs';
import { RefusedInput } from '../calls/refusedInput';
import type { Clock } from '../clock';
import type { InputProblem } from '../domain/inputIssues';
import type { SpreadsheetFormat } from '../export/file';
import { SPREADSHEET_MIME } from '../export/file';
import type { MadeFile } from '../export/dayExport';
import type { FileParts } from '../export/fileParts';
import { exportWords, type ExportLanguage } from '../export/words';
import { refusedRowsWords } from './ledger/words';
import type { LedgerChoice } from './ledgerFile';
import type { Imported, LedgerPreview, NotYetFilter } from './schemas';

/** What the worker says was wrong with a file, as the windows word it. */
const FILE_PROBLEMS: Record<string, InputProblem> = {
  'not-a-spreadsheet': 'not-a-spreadsheet',
  empty: 'empty-file',
  'too-large': 'file-too-large',
  'no-sheet': 'no-sheet',
  'ledger-gone': 'ledger-gone',
  'columns-missing': 'columns-missing',
};

/** A ledger of a whole district fits: 100,000 rows of XLSX are about 6 MB. */
const MAX_LEDGER_BYTES = 48 * 1024 * 1024;
/** How long a file sent in parts waits for the next part, or to be opened. */
const KEPT_MS = 5 * 60_000;

/** A worker's answer's bytes (transferred to this thread), without copying them. */
function bufferOf(bytes: Uint8Array | undefined): Buffer {
  return bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) : Buffer.alloc(0);
}

/** `made` keeps the files made for the window (refused rows, the not-yet list) until it fetches them in parts. */
export function createLedgers(background: Background, clock: Clock, made: FileParts) {
  /** Runs a ledger's job; a file the worker could not read, or no longer holds, is refused at `field`. */
  async function run(job: BackgroundJob, field: string) {
    try {
      return await background.answer(job);
    } catch (error) {
      const problem = error instanceof BackgroundJobFailed && (error.cancelled ? 'ledger-gone' : error.problem);
      if (problem && Object.hasOwn(FILE_PROBLEMS, problem)) {
        throw new RefusedInput(error instanceof Error ? error.message : String(error), [{ path: [field], problem: FILE_PROBLEMS[problem] }]);
      }
      throw error;
    }
  }

  const today = () => clock().toISOString();
  const sent = new Map<string, { chunks: Buffer[]; bytes: number; forget: NodeJS.Timeout }>();

  function forget(fileId: string): void {
    clearTimeout(sent.get(fileId)?.forget);
    sent.delete(fileId);
  }

  async function read(fileId: string, fileName: string, bytes: Uint8Array<ArrayBuffer>, choice: LedgerChoice): Promise<LedgerPreview> {
    return (await run({ kind: 'ledgerOpen', fileId, fileName, bytes, choice, today: today() }, 'fileId')).preview!;
  }

  return {
    /** Keeps a part of a file a window sends, in order; answers the bytes held so far. */
    filePart(fileId: string, part: number, base64: string): number {
      const held = part === 0 ? { chunks: [], bytes: 0 } : sent.get(fileId);
      if (!held || held.chunks.length !== part) {
        forget(fileId);
        throw new RefusedInput(`Part ${part} of ${fileId} came out of order: send the file again.`, [{ path: ['part'], problem: 'ledger-gone' }]);
      }
      const chunk = Buffer.from(base64, 'base64');
      if (held.bytes + chunk.length > MAX_LEDGER_BYTES) {
        forget(fileId);
        throw new RefusedInput(`${fileId} is over ${MAX_LEDGER_BYTES} bytes.`, [{ path: ['base64'], problem: 'file-too-large' }]);
      }
      forget(fileId);
      // The timer never keeps a stopping station alive.
      const kept = { chunks: [...held.chunks, chunk], bytes: held.bytes + chunk.length, forget: setTimeout(() => sent.delete(fileId), KEPT_MS).unref() };
      sent.set(fileId, kept);
      return kept.bytes;
    },

    /** Reads the file a window sent in parts into a preview. */
    open(fileId: string, fileName: string, choice: LedgerChoice): Promise<LedgerPreview> {
      const held = sent.get(fileId);
      if (!held) throw new RefusedInput(`Nothing was sent under ${fileId}.`, [{ path: ['fileId'], problem: 'ledger-gone' }]);
      forget(fileId);
      return read(fileId, fileName, new Uint8Array(Buffer.concat(held.chunks)), choice);
    },

    /** Reads a file in hand (the headless command) into a preview. */
    openBytes: (fileName: string, bytes: Buffer, choice: LedgerChoice): Promise<LedgerPreview> => read(randomUUID(), fileName, new Uint8Array(bytes), choice),

    async remap(fileId: string, choice: LedgerChoice): Promise<LedgerPreview> {
      return (await run({ kind: 'ledgerRemap', fileId, choice, today: today() }, 'fileId')).preview!;
    },

    async import(fileId: string, actor: string): Promise<Imported> {
      return (await run({ kind: 'ledgerImport', fileId, at: clock().toISOString(), actor }, 'fileId')).imported!;
    },

    cancel(fileId: string): void {
      forget(fileId);
      background.cancel(fileId);
    },

    async refusedRows(fileId: string, format: SpreadsheetFormat, language: ExportLanguage): Promise<MadeFile> {
      const { count, bytes } = await run({ kind: 'ledgerRefused', fileId, format, language }, 'fileId');
      return { rows: count, fileName: `${refusedRowsWords(language).fileName}.${format}`, mime: SPREADSHEET_MIME[format], ...made.keep(bufferOf(bytes)) };
    },

    async notYetFile(filter: NotYetFilter, full: boolean, format: SpreadsheetFormat, language: ExportLanguage): Promise<MadeFile> {
      const { count, bytes } = await background.answer({ kind: 'notYetFile', filter, full, format, language });
      return { rows: count, fileName: `${exportWords(language).notYet.fileName(full)}.${format}`, mime: SPREADSHEET_MIME[format], ...made.keep(bufferOf(bytes)) };
    },
  };
}

export type Ledgers = ReturnType<typeof createLedgers>;
