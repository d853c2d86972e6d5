// What stops a reading of a ledger as a whole: a file that cannot be read, or the manager cancelling.
import type { LedgerFileProblem } from '../ledgerFile';

export class LedgerUnreadable extends Error {
  constructor(readonly problem: LedgerFileProblem) {
    super(`The ledger cannot be read: ${problem}`);
    this.name = 'LedgerUnreadable';
  }
}

export class LedgerCancelled extends Error {
  constructor() {
    super('The reading of the ledger was cancelled');
    this.name = 'LedgerCancelled';
  }
}

/** Beyond this a file is refused before it is checked: 100,000 people is a large community already. */
export const MAX_ROWS = 200_000;
