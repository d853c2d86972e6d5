// What the desks' own devices read, turned into registrations at their desk; the one reading per desk that
// waits for the clerk to confirm a warning; when a desk was last told of a scan nobody could read; and the latest
// state of every device, for the windows.
import { z } from 'zod';
import type { DeviceReading, DeviceState } from '../domain/devices';
import { scanOutcomeSchema, type DeskActor, type ScanOutcome, type TubeLoop } from './tubeLoop';

/** What a desk's own device read, and what came of it, for that desk's window to show and sound. */
export const readingOutcomeSchema = z.object({
  device: z.string(),
  kind: z.enum(['scan', 'card']),
  /** null when the reading could not be saved at all (a full disk): `error` says why. */
  outcome: scanOutcomeSchema.nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type ReadingOutcome = z.output<typeof readingOutcomeSchema>;

/** A burst of unreadable reports (one garbled code is often several) is one notice: one banner, one sound. */
export const NOT_UNDERSTOOD_NOTICE_MS = 1000;

export function createDeskReadings(loop: TubeLoop) {
  const waiting = new Map<string, DeviceReading>();
  const lastNotUnderstood = new Map<string, number>();
  let states: DeviceState[] = [];

  function apply(at: DeskActor, reading: DeviceReading, confirmed: boolean): ScanOutcome {
    waiting.delete(at.desk);
    const outcome = reading.kind === 'scan' ? loop.scan(at, reading.text, confirmed) : loop.card(at, reading.card, confirmed);
    if (outcome.result === 'confirm') waiting.set(at.desk, reading);
    return outcome;
  }

  return {
    read: (at: DeskActor, reading: DeviceReading): ScanOutcome => apply(at, reading, false),

    /** The clerk confirmed the warning of the reading waiting at this desk. */
    confirm(at: DeskActor): ScanOutcome {
      const reading = waiting.get(at.desk);
      if (!reading) return { result: 'refused', problem: 'nothing-to-confirm' };
      return apply(at, reading, true);
    },

    /**
     * Whether to tell the desk of a scan its scanner sent and nobody could read: not within a second of the last
     * notice. Told, it answers a waiting warning with "no", as any other scan does.
     */
    tellNotUnderstood(desk: string, now: Date): boolean {
      const last = lastNotUnderstood.get(desk);
      // A clock set back must not silence the desk until it catches up.
      const recent = last !== undefined && now.getTime() >= last && now.getTime() - last < NOT_UNDERSTOOD_NOTICE_MS;
      if (recent) return false;
      lastNotUnderstood.set(desk, now.getTime());
      waiting.delete(desk);
      return true;
    },

    /** Anything else the clerk does at the desk answers the warning with "no". */
    forget(desk: string): void {
      waiting.delete(desk);
    },

    setStates(next: DeviceState[]): void {
      states = next;
    },

    states: (desk?: string): DeviceState[] => (desk === undefined ? states : states.filter((s) => s.desk === desk)),
  };
}

export type DeskReadings = ReturnType<typeof createDeskReadings>;
