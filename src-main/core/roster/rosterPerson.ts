// A person of the community's roster (台账) as the station keeps them once a row of a ledger has passed the same
// person rules as the desk, and what can be wrong with a row.
import { z } from 'zod';
import { DOCUMENT_TYPES } from '../domain/documents';
import { PERSON_PROBLEMS } from '../domain/refusals';
import { ROSTER_FIELDS } from '../domain/roster';

// Defined in domain/ so that a window offers them without the core; the roster's modules read them here too.
export { ROSTER_FIELDS };
export const rosterFieldSchema = z.enum(ROSTER_FIELDS);
export type RosterField = z.output<typeof rosterFieldSchema>;

/** Without these a row names nobody the desks could match. */
export const REQUIRED_ROSTER_FIELDS = ['name', 'idNumber'] as const satisfies readonly RosterField[];

/** Which column of the file (0-based) each field is read from; a field left out is not read. */
const column = z.number().int().min(0).max(999).optional();
export const columnMappingSchema = z.strictObject({
  name: column,
  idNumber: column,
  docType: column,
  phone: column,
  grid: column,
  building: column,
  unit: column,
  room: column,
  address: column,
  tags: column,
} satisfies Record<RosterField, typeof column>);
export type ColumnMapping = z.output<typeof columnMappingSchema>;

export const rosterPersonSchema = z.object({
  docType: z.enum(DOCUMENT_TYPES),
  /** As the desk stores it: a resident ID in 18 characters with an uppercase X. */
  docNumber: z.string(),
  name: z.string(),
  /** Empty when the ledger has none. */
  phone: z.string(),
  grid: z.string(),
  building: z.string(),
  unit: z.string(),
  room: z.string(),
  /** The address as the ledger writes it, when it has a column of its own. */
  address: z.string(),
  /** 60岁以上, 卧床, 孕妇…: the special groups the ledger lists the person in. */
  tags: z.array(z.string()),
});
export type RosterPerson = z.output<typeof rosterPersonSchema>;

/** Why a row of a ledger was not imported. */
export const ROSTER_ROW_PROBLEMS = [
  ...PERSON_PROBLEMS,
  'id-missing',
  // Excel stored the number as a number and rounded it (3.50181E+17, or 18 digits ending in 000): never guessed.
  'id-rounded',
  'doc-type-unknown',
  'invisible-character',
  'text-too-long',
  // The same document number on an earlier row of the file.
  'duplicate-row',
] as const;
export const rosterRowProblemSchema = z.enum(ROSTER_ROW_PROBLEMS);
export type RosterRowProblem = z.output<typeof rosterRowProblemSchema>;

/** A refused row: its number in the sheet (1-based, as the spreadsheet shows it), the column and why. */
export const refusedRowSchema = z.object({
  row: z.number().int().min(1),
  /** The column's header as the file names it (or its letter when it has none). */
  column: z.string(),
  field: rosterFieldSchema.nullable(),
  problem: rosterRowProblemSchema,
});
export type RefusedRow = z.output<typeof refusedRowSchema>;
