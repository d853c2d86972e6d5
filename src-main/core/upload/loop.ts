// A background loop over the network (the site feed's reader, the sharing of sticker keys): the shells start it and
// stop it; a stop ends the request in flight (through the signal) and the wait in progress, then waits for the loop
// to return. A loop that throws stops, and says so in the log.
import { logError } from '../maintenance/log';
import { createPause } from './pause';

export interface LoopTurn {
  running(): boolean;
  /** Aborted by stop(): each request the loop makes listens to it. */
  signal: AbortSignal;
  /** Waits `ms`, or less when woken or stopped. */
  pause(ms: number): Promise<void>;
}

/** `what` names the loop in the log line that says it stopped. */
export function createLoop(what: string, body: (turn: LoopTurn) => Promise<void>) {
  let running = false;
  let loop: Promise<void> | null = null;
  let stopping = new AbortController();
  const { pause, wake } = createPause(() => running);
  return {
    start(): void {
      if (running) return;
      running = true;
      stopping = new AbortController();
      loop = body({ running: () => running, signal: stopping.signal, pause }).catch((error: unknown) => {
        running = false;
        logError(`${what} stopped: ${(error as Error).message}`);
      });
    },
    async stop(): Promise<void> {
      running = false;
      stopping.abort();
      wake();
      await loop;
      loop = null;
    },
    /** Cuts the wait in progress short. */
    wake,
  };
}
