// A file the core makes for a window to save (a manifest, the day's registrations): its name, type and bytes, as
// base64, the way JSON carries them.
import { z } from 'zod';

export const fileSchema = z.object({ fileName: z.string(), mime: z.string(), base64: z.string() });
export type SavedFile = z.output<typeof fileSchema>;

export const spreadsheetFormatSchema = z.enum(['csv', 'xlsx']);
export type SpreadsheetFormat = z.output<typeof spreadsheetFormatSchema>;

export const SPREADSHEET_MIME: Record<SpreadsheetFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
