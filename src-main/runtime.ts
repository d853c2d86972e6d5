// The one way a station starts and stops, shared by the desktop shell, the browser station and the demo. Start: the
// core, its devices, the uploader, the shell's windows; only then backups, purges and checkpoints (in the background
// worker), so the first window is up before any of them. Stop, whenever it is asked (even halfway through the
// start): what takes input first (devices, a station's server), then the uploader, then backups and purges, then
// the core, so the database is closed last and nothing is left half-written.
import path from 'node:path';
import { createCore, type Core, type CoreOptions } from './core/core';
import { launchDevices, type LaunchedDevices } from './core/devices/launch';
import { BACKUP_EVERY_MS, BACKUPS_KEPT } from './core/maintenance/backup';
import { PURGE_EVERY_MS } from './core/maintenance/retention';
import { CHECKPOINT_EVERY_MS } from './core/maintenance/wal';
import { COVERAGE_REPORT_EVERY_MS } from './core/roster/coverageReport';
import { stationWindows, type StationWindow } from './core/stationWindows';

export interface RuntimeOptions extends CoreOptions {
  /** Clerk windows on this PC: the site's setting when not given. */
  desks?: number;
  /** Adds the simulated devices driven over /sim. */
  simulate: boolean;
  /** Runs once the core is open, before any device or window can reach it (the demo signs its clerk in). */
  prepare?: (core: Core) => void;
}

export interface Runtime {
  core: Core;
  windows: StationWindow[];
  devices: LaunchedDevices;
}


/** What a shell attaches to a started runtime: how to close it, and anything it wants handed back. */
export type Attached<T> = T & { close: () => unknown };

/** The stop order: each stage's closers run (together) only after every earlier stage's have finished. */
const STAGES = ['inputs', 'uploader', 'maintenance', 'core'] as const;
type Stage = (typeof STAGES)[number];

export class StopRequested extends Error {
  constructor() {
    super('The station was asked to stop while it was starting.');
  }
}

export function createRuntime() {
  const closers = new Map<Stage, (() => unknown)[]>(STAGES.map((stage) => [stage, []]));
  let stopping: Promise<void> | null = null;
  let starting: Promise<unknown> = Promise.resolve();

  /** Registers what to close at a stage; refuses to go on when a stop came meanwhile (it then closes it too). */
  function started(stage: Stage, close: () => unknown): void {
    closers.get(stage)!.push(close);
    if (stopping) throw new StopRequested();
  }

  async function begin<T>(options: RuntimeOptions, attach: (runtime: Runtime) => Promise<Attached<T>> | Attached<T>): Promise<Runtime & T> {
    const core = createCore(options);
    started('core', () => core.close());
    options.prepare?.(core);
    const windows = stationWindows(options.desks ?? core.admin.desks());
    const devices = await launchDevices(core, windows, options.simulate);
    started('inputs', () => devices.stop());
    core.uploader.start();
    started('uploader', () => core.uploader.stop());
    const runtime = { core, windows, devices };
    const { close, ...more } = await attach(runtime);
    started('inputs', close);
    // Stopping the background work stops these schedules and lets the worker's job under way finish.
    started('maintenance', () => core.admin.stopBackgroundWork());
    const backups = path.join(options.dataDir, 'backups');
    core.admin.scheduleCheckpoints(CHECKPOINT_EVERY_MS);
    core.admin.scheduleBackups(backups, BACKUP_EVERY_MS, BACKUPS_KEPT);
    core.admin.schedulePurges(backups, PURGE_EVERY_MS);
    core.admin.scheduleCoverageReports(COVERAGE_REPORT_EVERY_MS);
    return { ...runtime, ...(more as T) };
  }

  return {
    /**
     * Opens the core and starts everything on it, then `attach` (the shell's windows or server, which feed the core
     * and are closed first, with the devices). Rejects with StopRequested when a stop came first.
     */
    start<T = object>(
      options: RuntimeOptions,
      attach: (runtime: Runtime) => Promise<Attached<T>> | Attached<T> = () => ({ close: () => undefined }) as Attached<T>,
    ): Promise<Runtime & T> {
      if (stopping) return Promise.reject(new StopRequested());
      const run = begin(options, attach);
      starting = run.catch(() => undefined);
      return run;
    },

    /** Waits for a start under way to reach a step where it can stop, then closes everything, stage by stage. */
    stop(): Promise<void> {
      stopping ??= (async () => {
        await starting;
        for (const stage of STAGES) await Promise.all(closers.get(stage)!.map(async (close) => close()));
      })();
      return stopping;
    },

    get stopping(): boolean {
      return stopping !== null;
    },
  };
}

export type RuntimeControl = ReturnType<typeof createRuntime>;

/**
 * For a process that is a station (the browser station, the demo): SIGINT and SIGTERM, at any moment from here on,
 * stop the runtime and end the process with code 0. Installed before the start, so a signal during it is honoured.
 */
export function stopOnSignals(runtime: RuntimeControl, exit: (code: number) => void = (code) => process.exit(code)): void {
  // A second signal while stopping changes nothing: the stop under way finishes and exits.
  const stop = () => void runtime.stop().then(() => exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
