// The device hub: enumerates gently, opens the devices that have a profile and a desk, re-opens a returning
// device by itself, and reports every device's state. A device that fails or disappears is closed at once and
// its driver's partial frame dropped, so an unplug can never become half a registration.
import type {
  DeviceAssignment,
  DeviceInput,
  DeviceName,
  DeviceProfile,
  DeviceState,
  DeviceStatus,
  NotUnderstoodScan,
} from '../domain/devices';
import { attachDriver, type Driver } from './drivers';
import { DEVICE_LABEL_MAX, type PortInfo } from '../domain/devices';
import { deviceIdentity, type DevicePort, type PortProvider } from './ports/port';
import { kindOf, profileFor } from './profiles';

export interface DeviceConfig {
  profiles: readonly DeviceProfile[];
  assignments: readonly DeviceAssignment[];
  /** Where a device with a profile but no assignment goes: the only clerk desk of a one-desk station. */
  defaultDesk: string | null;
  /** The manager's names for devices. */
  names: readonly DeviceName[];
}

export interface HubOptions {
  providers: readonly PortProvider[];
  config(): DeviceConfig;
  onInput(input: DeviceInput): void;
  /** A report the device's decoder could not read: its desk must hear that the scan did not work. */
  onNotUnderstood(scan: NotUnderstoodScan): void;
  onStates(states: DeviceState[]): void;
  /** Enumeration is a full USB scan: once a second is gentle and still shows a change within two. */
  pollMs?: number;
}

interface Entry {
  state: DeviceState;
  info: PortInfo;
  port: DevicePort | null;
  driver: Driver | null;
  opening: boolean;
}

/**
 * What a device is called until the manager names it: its model (the profile's, else its own USB product string,
 * else its USB ids) and the port it is on, so two scanners of one model differ ("… · /dev/hidraw3", "… · COM4").
 */
export function defaultDeviceLabel(info: PortInfo, profile: DeviceProfile | null): string {
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  const model = profile?.name ?? info.product ?? `${hex(info.vendorId)}:${hex(info.productId)}`;
  // A product string and a Windows device path can each be long: keep what a label holds.
  return `${model} · ${info.path}`.slice(0, DEVICE_LABEL_MAX);
}

export function createDeviceHub(options: HubOptions) {
  const entries = new Map<string, Entry>();
  let timer: NodeJS.Timeout | null = null;
  let refreshing: Promise<void> | null = null;
  let stopped = false;
  let lastReported = '';

  function report(): void {
    const states = [...entries.values()].map((entry) => ({ ...entry.state }));
    const text = JSON.stringify(states);
    if (text === lastReported) return;
    lastReported = text;
    options.onStates(states);
  }

  function detach(entry: Entry, status: DeviceStatus, problem: string | null): void {
    entry.driver?.stop();
    const port = entry.port;
    entry.driver = null;
    entry.port = null;
    if (port) void port.close().catch(() => undefined);
    entry.state = { ...entry.state, status, problem };
  }

  async function open(entry: Entry, provider: PortProvider, profile: DeviceProfile): Promise<void> {
    entry.opening = true;
    try {
      const port = await provider.open(entry.info, { baudRate: profile.baudRate });
      if (stopped || entry.state.status !== 'unplugged') {
        await port.close();
        return;
      }
      entry.port = port;
      port.onError(() => {
        detach(entry, 'unplugged', null);
        report();
      });
      entry.driver = attachDriver(port, profile, {
        reading: (reading) => {
          const desk = entry.state.desk;
          if (desk !== null) options.onInput({ desk, device: entry.state.id, label: entry.state.label, reading });
        },
        problem: (problem) => {
          entry.state = { ...entry.state, problem };
          report();
        },
        noise: () => {
          entry.state = { ...entry.state, noise: entry.state.noise + 1 };
          const desk = entry.state.desk;
          if (desk !== null) options.onNotUnderstood({ desk, label: entry.state.label });
          report();
        },
      });
      entry.state = { ...entry.state, status: 'ready', problem: null, noise: 0 };
    } catch {
      entry.state = { ...entry.state, status: 'failed', problem: 'open-failed' };
    } finally {
      entry.opening = false;
    }
  }

  async function refreshOnce(): Promise<void> {
    const config = options.config();
    const assignments = new Map(config.assignments.map((a) => [a.device, a.desk] as const));
    const names = new Map(config.names.map((n) => [n.device, n.name] as const));
    const seen = new Set<string>();
    const opening: Promise<void>[] = [];
    for (const provider of options.providers) {
      let listed: PortInfo[];
      try {
        listed = await provider.list();
      } catch {
        continue;
      }
      for (const info of listed) {
        const id = deviceIdentity(info);
        seen.add(id);
        const profile = profileFor(info, config.profiles);
        const desk = profile ? (assignments.has(id) ? assignments.get(id)! : config.defaultDesk) : null;
        const defaultLabel = defaultDeviceLabel(info, profile);
        const label = names.get(id) ?? defaultLabel;
        let entry = entries.get(id);
        if (!entry) {
          entry = {
            info,
            port: null,
            driver: null,
            opening: false,
            state: { id, label, defaultLabel, kind: 'unknown', protocol: null, desk, status: 'unplugged', problem: null, noise: 0 },
          };
          entries.set(id, entry);
        }
        entry.info = info;
        const wanted = profile !== null && desk !== null;
        // A device moved to another desk, or given another profile, starts afresh.
        const changed = entry.state.desk !== desk || entry.state.protocol !== (profile?.protocol ?? null);
        if (entry.port && (changed || !wanted)) detach(entry, 'unplugged', null);
        entry.state = {
          ...entry.state,
          label,
          defaultLabel,
          kind: profile ? kindOf(profile.protocol) : 'unknown',
          protocol: profile?.protocol ?? null,
          desk,
        };
        if (!profile) entry.state.status = 'unknown';
        else if (desk === null) entry.state.status = 'unassigned';
        else if (!entry.port && !entry.opening) {
          entry.state.status = 'unplugged';
          opening.push(open(entry, provider, profile));
        }
      }
    }
    for (const [id, entry] of entries) {
      if (seen.has(id)) continue;
      // Unknown devices that leave are forgotten; known ones stay listed as unplugged, so the desk sees it.
      if (entry.state.kind === 'unknown') {
        entries.delete(id);
        continue;
      }
      if (entry.state.status !== 'unplugged' || entry.port) detach(entry, 'unplugged', null);
      // Named while it is away, it is shown by that name: the desk is looking for it.
      entry.state.label = names.get(id) ?? entry.state.defaultLabel;
    }
    await Promise.all(opening);
    report();
  }

  function refresh(): Promise<void> {
    refreshing ??= refreshOnce().finally(() => {
      refreshing = null;
    });
    return refreshing;
  }

  return {
    /** Enumerates now, then every pollMs. */
    start(): Promise<void> {
      timer = setInterval(() => void refresh(), options.pollMs ?? 1000);
      return refresh();
    },
    /** Enumerates now (after a settings change), without waiting for the next poll. */
    refresh,
    states: (): DeviceState[] => [...entries.values()].map((entry) => ({ ...entry.state })),
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      await refreshing;
      for (const entry of entries.values()) detach(entry, 'unplugged', null);
    },
  };
}

export type DeviceHub = ReturnType<typeof createDeviceHub>;
