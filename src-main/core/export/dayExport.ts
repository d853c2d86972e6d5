// The day's registrations as a file, for the headless command and the manager window alike: written by the
// background worker, never on the desks' thread; a full export (unmasked) is recorded in the audit trail first.
import { z } from 'zod';
import type { Background } from '../background/background';
import type { Db } from '../db/database';
import type { RecordFact } from '../facts/record';
import { SPREADSHEET_MIME, spreadsheetFormatSchema } from './file';
import type { FileParts } from './fileParts';
import { exportLanguageSchema, exportWords } from './words';

/** Which day, as which file, masked or in full, in which language (Chinese unless asked). */
export const dayExportSchema = z.strictObject({
  day: z.iso.date(),
  format: spreadsheetFormatSchema,
  full: z.boolean(),
  language: exportLanguageSchema.default('zh'),
});
export type DayExport = z.output<typeof dayExportSchema>;

/** The file made for a window: its rows, name and type, and the id and count of the parts to fetch it in. */
export const madeFileSchema = z.object({
  rows: z.number().int(),
  fileName: z.string(),
  mime: z.string(),
  id: z.uuid(),
  parts: z.number().int().min(1),
});
export type MadeFile = z.output<typeof madeFileSchema>;

/** `made` keeps the files made for windows until they are fetched (every feature's files, one store). */
export function createDayExport(db: Db, background: Background, record: RecordFact, made: FileParts) {

  /** The trail says who took the people's full details, of which day, and where they went. */
  function auditFull({ day, format, full }: DayExport, actor: string, to: Record<string, string>): void {
    if (full) db.transaction(() => record({ kind: 'export.full', subject: day, actor, data: { format, day, ...to } })).immediate();
  }

  return {
    /** Into a file on this computer (the headless command); resolves with the rows written. */
    toFile(request: DayExport, out: string, actor: string): Promise<number> {
      auditFull(request, actor, { out });
      return background.run({ kind: 'export', ...request, out });
    },

    /**
     * For a window to save: the file made in memory (a full export never lies on a disk in the clear), kept for the
     * window to fetch in parts (`part`).
     */
    async download(request: DayExport, actor: string): Promise<MadeFile> {
      const fileName = `${exportWords(request.language).registrations.fileName(request.day, request.full)}.${request.format}`;
      auditFull(request, actor, { download: fileName });
      const { count, bytes } = await background.exportToMemory({ kind: 'export', ...request });
      return { rows: count, fileName, mime: SPREADSHEET_MIME[request.format], ...made.keep(bytes) };
    },

    /** One part of a file made for a window, as base64; null once it is fetched whole, or forgotten. */
    part: made.part,
  };
}

export type DayExports = ReturnType<typeof createDayExport>;
