// Wires the device hub to the core: readings and states go in through the same validated contract as any
// window's call, under the 'device' role that no window can have.
import type { Core } from '../core';
import type { Identity } from '../contract';
import type { DeviceAssignment, DeviceProfile } from '../domain/devices';
import { createDeviceHub } from './hub';
import type { PortProvider } from './ports/port';
import { logError } from '../maintenance/log';

const DEVICE: Identity = { role: 'device' };

export interface DeviceOptions {
  providers: readonly PortProvider[];
  defaultDesk: string | null;
  /** Profiles and assignments that come with the launch (the simulated devices); the site's settings win. */
  launchProfiles?: readonly DeviceProfile[];
  launchAssignments?: readonly DeviceAssignment[];
  pollMs?: number;
}

export function connectDevices(core: Core, options: DeviceOptions) {
  return createDeviceHub({
    providers: options.providers,
    pollMs: options.pollMs,
    config() {
      const site = core.call(DEVICE, 'device.config');
      const { profiles, assignments, names } = site.ok ? site.value : { profiles: [], assignments: [], names: [] };
      return {
        profiles: [...profiles, ...(options.launchProfiles ?? [])],
        // Later entries win: the site's own assignments override the launch's.
        assignments: [...(options.launchAssignments ?? []), ...assignments],
        defaultDesk: options.defaultDesk,
        names,
      };
    },
    onInput({ desk, device, label, reading }) {
      const result = core.call(DEVICE, 'device.input', { desk, device, label, reading });
      if (!result.ok) logError(`A reading from ${label} at desk ${desk} was not saved: ${result.error.message}`);
    },
    onNotUnderstood(scan) {
      core.call(DEVICE, 'device.notUnderstood', scan);
    },
    onStates(states) {
      core.call(DEVICE, 'device.states', { states });
    },
  });
}
