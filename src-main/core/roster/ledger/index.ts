// What the roster's import calls to read a ledger file and to write its refused rows back for the grid worker.
export { readLedger } from './readLedger';
export { writeRefusedRows } from './refusedRowsFile';
export { LedgerCancelled, LedgerUnreadable } from './problems';
export { ledgerReadingSchema, type LedgerReading } from './reading';
export type { LedgerHooks, LedgerProgress } from './pace';
