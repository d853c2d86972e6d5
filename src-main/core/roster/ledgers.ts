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

function base64Of(bytes: Uint8Array | undefined): string {
  return Buffer.from(bytes ?? new Uint8Array()).toString('base64');
}

export function createLedgers(background: Background, clock: Clock) {
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

  return {
    async open(fileName: string, base64: string, choice: LedgerChoice): Promise<LedgerPreview> {
      const bytes = new Uint8Array(Buffer.from(base64, 'base64'));
      const job = { kind: 'ledgerOpen' as const, fileId: randomUUID(), fileName, bytes, choice, today: today() };
      return (await run(job, 'base64')).preview!;
    },

    async remap(fileId: string, choice: LedgerChoice): Promise<LedgerPreview> {
      return (await run({ kind: 'ledgerRemap', fileId, choice, today: today() }, 'fileId')).preview!;
    },

    async import(fileId: string, actor: string): Promise<Imported> {
      return (await run({ kind: 'ledgerImport', fileId, at: clock().toISOString(), actor }, 'fileId')).imported!;
    },

    cancel(fileId: string): void {
      background.cancel(fileId);
    },

    async refusedRows(fileId: string, format: SpreadsheetFormat, language: ExportLanguage) {
      const { bytes } = await run({ kind: 'ledgerRefused', fileId, format, language }, 'fileId');
      const fileName = `${refusedRowsWords(language).fileName}.${format}`;
      return { fileName, mime: SPREADSHEET_MIME[format], base64: base64Of(bytes) };
    },

    async notYetFile(filter: NotYetFilter, full: boolean, format: SpreadsheetFormat, language: ExportLanguage) {
      const { bytes } = await background.answer({ kind: 'notYetFile', filter, full, format, language });
      return { fileName: `${exportWords(language).notYet.fileName(full)}.${format}`, mime: SPREADSHEET_MIME[format], base64: base64Of(bytes) };
    },
  };
}

export type Ledgers = ReturnType<typeof createLedgers>;
