// The pace of a long reading: every so many rows it says how far it has come, lets the worker's thread take a
// message (a cancel), and stops if the manager cancelled.
import { LedgerCancelled } from './problems';

export interface LedgerProgress {
  phase: 'reading' | 'checking';
  done: number;
  total: number | null;
}

export interface LedgerHooks {
  progress?(progress: LedgerProgress): void;
  cancelled?(): boolean;
}

const ROWS_PER_STEP = 1000;

const breath = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function checkCancelled(hooks: LedgerHooks): Promise<void> {
  await breath();
  if (hooks.cancelled?.()) throw new LedgerCancelled();
}

export function createPace(hooks: LedgerHooks, phase: LedgerProgress['phase'], total: number | null) {
  let done = 0;
  return {
    /** After each row: resolves at once, but every ROWS_PER_STEP rows only after a breath and a look at cancel. */
    async row(): Promise<void> {
      if (++done % ROWS_PER_STEP !== 0) return;
      hooks.progress?.({ phase, done, total });
      await checkCancelled(hooks);
    },
    finish(): void {
      hooks.progress?.({ phase, done, total });
    },
  };
}
