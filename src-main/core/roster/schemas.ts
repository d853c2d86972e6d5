// The shapes the roster's channels answer with: a ledger's preview, what an import did, the coverage of the round
// and the not-yet list. (The services that fill them live beside this file, one each.)
import { z } from 'zod';
import { because } from '../domain/inputIssues';
import { EXCUSE_REASONS } from '../domain/roster';
import { ledgerColumnSchema } from './ledgerFile';
import { refusedRowSchema, rosterFieldSchema, rosterPersonSchema } from './rosterPerson';

/** What the manager sees before importing: nothing is stored yet. */
export const ledgerPreviewSchema = z.object({
  /** The file as the station holds it for this preview, to map again, import or cancel. */
  fileId: z.uuid(),
  fileName: z.string(),
  sheets: z.array(z.string()),
  sheet: z.string(),
  /** The header's row in the sheet (1-based); 0 when none was found and every column waits to be mapped. */
  headerRow: z.number().int().min(0),
  columns: z.array(ledgerColumnSchema),
  /** Required fields no column is mapped to: nothing can be imported until they are. */
  missing: z.array(rosterFieldSchema),
  /** Rows under the header with anything in them. */
  rows: z.number().int().min(0),
  good: z.number().int().min(0),
  /** Against the roster now: people new to it, people whose details change, people already as the file says. */
  added: z.number().int().min(0),
  updated: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  refusedCount: z.number().int().min(0),
  /** The first refused rows (all of them are in the file `roster.refusedRows` makes). */
  refused: z.array(refusedRowSchema),
  /** The first people as they would be imported, masked. */
  sample: z.array(
    z.object({ row: z.number().int(), name: z.string(), docNumber: z.string(), phone: z.string(), grid: z.string(), building: z.string(), unit: z.string(), room: z.string(), tags: z.array(z.string()) }),
  ),
});
export type LedgerPreview = z.output<typeof ledgerPreviewSchema>;

export const importedSchema = z.object({
  added: z.number().int().min(0),
  updated: z.number().int().min(0),
  unchanged: z.number().int().min(0),
  refused: z.number().int().min(0),
});
export type Imported = z.output<typeof importedSchema>;

export const countsSchema = z.object({
  onRoster: z.number().int().min(0),
  sampled: z.number().int().min(0),
  /** Excused and not sampled since. */
  excused: z.number().int().min(0),
  notYet: z.number().int().min(0),
  /** sampled / onRoster, 0 for an empty roster. */
  rate: z.number().min(0).max(1),
});
export type Counts = z.output<typeof countsSchema>;

export const roundSchema = z
  .strictObject({ firstDay: z.iso.date(), lastDay: z.iso.date() })
  .refine((round) => round.firstDay <= round.lastDay, { path: ['lastDay'], ...because('round-backwards', 'The round ends before it begins.') });
export type Round = z.output<typeof roundSchema>;

export const coverageSchema = z.object({
  round: z.object({ firstDay: z.iso.date(), lastDay: z.iso.date() }),
  total: countsSchema,
  /** People sampled in the round who are not on the roster. */
  visitors: z.number().int().min(0),
  grids: z.array(countsSchema.extend({ grid: z.string() })),
  buildings: z.array(countsSchema.extend({ grid: z.string(), building: z.string() })),
  tags: z.array(countsSchema.extend({ tag: z.string() })),
  /** Roster people first sampled in each local hour of the round ("YYYY-MM-DD HH"), in order. */
  hours: z.array(z.object({ hour: z.string(), sampled: z.number().int().min(0) })),
  /** While the roster is counted again for a new round, how far (0 to 1): the counts mix the two rounds till then. */
  recounting: z.number().min(0).max(1).nullable(),
});
export type Coverage = z.output<typeof coverageSchema>;

// Defined in domain/ so that a window offers them without the core; the roster's modules read them here too.
export { EXCUSE_REASONS };
export const excuseReasonSchema = z.enum(EXCUSE_REASONS);
export type ExcuseReason = z.output<typeof excuseReasonSchema>;

export const notYetFilterSchema = z.strictObject({
  grid: z.string().max(100).optional(),
  building: z.string().max(100).optional(),
  unit: z.string().max(100).optional(),
  tag: z.string().max(100).optional(),
});
export type NotYetFilter = z.output<typeof notYetFilterSchema>;

/** A person as the not-yet list shows them: name, document and phone masked unless the list was asked for in full. */
export const rosterRowSchema = rosterPersonSchema.omit({ docType: true }).extend({
  id: z.uuid(),
  excused: z.object({ reason: excuseReasonSchema, note: z.string(), at: z.string(), by: z.string() }).nullable(),
});
export type RosterRow = z.output<typeof rosterRowSchema>;

/** The people not sampled yet in the round, by address; with `excused`, those excused too (to undo one). */
export const notYetRequestSchema = z.strictObject({
  filter: notYetFilterSchema.default({}),
  includeExcused: z.boolean().default(false),
  full: z.boolean().default(false),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(200),
});

export const notYetPageSchema = z.object({ total: z.number().int().min(0), people: z.array(rosterRowSchema) });
export type NotYetPage = z.output<typeof notYetPageSchema>;
