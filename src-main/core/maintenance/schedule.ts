// The station's schedules (backups, purges, checkpoints): each runs its work in the background worker every so often.
import { logError } from './log';

/**
 * Runs `work` every `intervalMs`, saying in the log when it failed; returns what stops it. A run still under way
 * (the worker busy with a long purge) is not queued again: the next one comes at the next interval.
 */
export function every(intervalMs: number, what: string, work: () => Promise<unknown>, first = false): () => void {
  let running = false;
  const run = () => {
    if (running) return;
    running = true;
    void work()
      .catch((error: unknown) => logError(`${what} failed: ${(error as Error).message}`))
      .finally(() => (running = false));
  };
  const soon = first ? setTimeout(run, 0) : null;
  const timer = setInterval(run, intervalMs);
  timer.unref();
  return () => {
    if (soon) clearTimeout(soon);
    clearInterval(timer);
  };
}
