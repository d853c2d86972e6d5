// What reading a ledger file makes of it: the sheet and header used, each column and its field, the people who
// passed the person rules and the rows refused.
import { z } from 'zod';
import { ledgerColumnSchema } from '../ledgerFile';
import { columnMappingSchema, refusedRowSchema, rosterPersonSchema } from '../rosterPerson';

export const ledgerReadingSchema = z.object({
  sheets: z.array(z.string()),
  sheet: z.string(),
  /** The header's last row (1-based; the data starts under it), 0 when none was found. */
  headerRow: z.number().int().min(0),
  columns: z.array(ledgerColumnSchema),
  /** The mapping the rows were read with: the manager's, or the one the header's names gave. */
  mapping: columnMappingSchema,
  /** Rows under the header with anything in them. */
  rows: z.number().int().min(0),
  people: z.array(z.object({ row: z.number().int().min(1), person: rosterPersonSchema })),
  refused: z.array(refusedRowSchema),
});
export type LedgerReading = z.output<typeof ledgerReadingSchema>;
