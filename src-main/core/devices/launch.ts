// The devices a launch drives: the real USB transports always, and with --simulate the simulated bus too,
// its devices bound to their desks unless the site's settings say otherwise.
import type { Core } from '../core';
import { defaultDeskOf, type StationWindow } from '../stationWindows';
import { connectDevices } from './connect';
import { createHidPortProvider } from './ports/hidPorts';
import { createSerialPortProvider } from './ports/serialPorts';
import { SIMULATED_PROFILES, simulatedAssignments, simulatedDevices } from './simulated/catalogue';
import { createSimulatedBus, type SimulatedBus } from './simulated/simulatedBus';

export interface LaunchedDevices {
  stop(): Promise<void>;
  /** Present with --simulate: what the /sim endpoints drive. */
  simulation: SimulatedBus | null;
}

export async function launchDevices(
  core: Core,
  windows: readonly StationWindow[],
  simulate: boolean,
): Promise<LaunchedDevices> {
  const desks = windows.flatMap((window) => (window.desk === undefined ? [] : [window.desk]));
  const withGuide = windows.some((window) => window.role === 'guide');
  const catalogue = simulate ? simulatedDevices(desks, withGuide) : [];
  const simulation = simulate ? createSimulatedBus(catalogue) : null;
  const hub = connectDevices(core, {
    providers: [createHidPortProvider(), createSerialPortProvider(), ...(simulation?.providers ?? [])],
    defaultDesk: defaultDeskOf(windows),
    launchProfiles: simulate ? SIMULATED_PROFILES : [],
    launchAssignments: simulatedAssignments(catalogue),
  });
  await hub.start();
  return { stop: () => hub.stop(), simulation };
}
