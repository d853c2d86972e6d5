// What the desks' own devices read, turned into registrations at their desk; the one reading per desk that
// waits for the clerk to confirm a warning; and the latest state of every device, for the windows.
import type { DeviceReading } from './drivers';
import type { DeviceState } from './hub';
import type { DeskActor, ScanOutcome, TubeLoop } from '../registration/tubeLoop';

export function createDeskReadings(loop: TubeLoop) {
  const waiting = new Map<string, DeviceReading>();
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
