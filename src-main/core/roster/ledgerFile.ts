// What reading a ledger file makes of it, before anything is stored: the sheets, the header found, each column with
// the field it is mapped to, the people who passed the person rules and the rows refused, each with its reason.
import { z } from 'zod';
import { columnMappingSchema, rosterFieldSchema } from './rosterPerson';

/** Why a file could not be read at all. */
export const LEDGER_FILE_PROBLEMS = ['not-a-spreadsheet', 'empty', 'too-large', 'no-sheet'] as const;
export const ledgerFileProblemSchema = z.enum(LEDGER_FILE_PROBLEMS);
export type LedgerFileProblem = z.output<typeof ledgerFileProblemSchema>;

export const ledgerColumnSchema = z.object({
  index: z.number().int().min(0),
  /** The header as the file writes it (two header rows, or a merged cell above, joined with "/"); "" when none. */
  header: z.string(),
  field: rosterFieldSchema.nullable(),
});
export type LedgerColumn = z.output<typeof ledgerColumnSchema>;

/** How far a reading, or an import, has come: pushed to the manager window while it runs. */
export const rosterProgressSchema = z.object({
  fileId: z.uuid(),
  phase: z.enum(['reading', 'checking', 'importing']),
  done: z.number().int().min(0),
  /** Null while the number of rows is not known yet. */
  total: z.number().int().min(0).nullable(),
});
export type RosterProgress = z.output<typeof rosterProgressSchema>;

/** Which sheet and mapping a reading uses; left out, the first sheet with a header, and the names it knows. */
export const ledgerChoiceSchema = z.strictObject({
  sheet: z.string().max(200).optional(),
  mapping: columnMappingSchema.optional(),
});
export type LedgerChoice = z.output<typeof ledgerChoiceSchema>;

export { columnMappingSchema };
