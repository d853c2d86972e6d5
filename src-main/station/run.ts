// Starts the browser station from command-line arguments and prints each window's URL.
import fs from 'node:fs';
import path from 'node:path';
import { createCore, DATABASE_FILE, type Core } from '../core/core';
import { dataDirArgument, platformDataDir } from '../core/dataDir';
import { launchDevices } from '../core/devices/launch';
import { launchArguments } from '../core/launchArguments';
import { BACKUP_EVERY_MS, BACKUPS_KEPT } from '../core/maintenance/backup';
import { PURGE_EVERY_MS } from '../core/maintenance/retention';
import { stationWindows } from '../core/stationWindows';
import { sitePassphrase } from '../passphrase/sitePassphrase';
import { startStation } from './server';

function portArgument(argv: readonly string[]): number {
  const index = argv.indexOf('--port');
  if (index === -1) return 0;
  const port = Number(argv[index + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port takes a whole number from 0 to 65535, not ${JSON.stringify(argv[index + 1])}.`);
  }
  return port;
}

const LABELS: Record<string, string> = { clerk: 'Clerk 登记员', manager: 'Manager 负责人' };

export async function runStation(argv: readonly string[]): Promise<void> {
  let port: number;
  let launch: ReturnType<typeof launchArguments>;
  try {
    port = portArgument(argv);
    launch = launchArguments(argv);
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  const dataDir = path.resolve(dataDirArgument(argv) ?? platformDataDir());
  let core: Core;
  try {
    const key = await sitePassphrase(argv, !fs.existsSync(path.join(dataDir, DATABASE_FILE)));
    core = createCore({ dataDir, key });
  } catch (error) {
    // No passphrase, the wrong one, or one too short for a new site: said in one line, nothing opened.
    console.error((error as Error).message);
    process.exitCode = 2;
    return;
  }
  const stopBackups = core.admin.scheduleBackups(path.join(dataDir, 'backups'), BACKUP_EVERY_MS, BACKUPS_KEPT);
  const stopPurges = core.admin.schedulePurges(path.join(dataDir, 'backups'), PURGE_EVERY_MS);
  core.uploader.start();
  const windows = stationWindows(launch.desks ?? core.admin.desks());
  const devices = await launchDevices(core, windows, launch.simulate);
  const station = await startStation({
    core,
    rendererDir: path.join(__dirname, '../renderer'),
    windows,
    port,
    simulation: devices.simulation,
  });

  console.log(`SwabDesk browser station on 127.0.0.1:${station.port}, data in ${dataDir}`);
  for (const { window, url } of station.urls) {
    const label = `${LABELS[window.role]}${window.desk ? `, desk ${window.desk}` : ''}`;
    console.log(`  ${label.padEnd(24)} ${url}`);
  }
  if (station.simulationUrl) console.log(`  ${'Simulated devices'.padEnd(24)} ${station.simulationUrl}`);
  console.log('Open each URL in Chromium or Chrome on this computer. Ctrl+C stops the station.');

  const stop = () => {
    stopBackups();
    stopPurges();
    void Promise.all([devices.stop(), station.close(), core.uploader.stop()]).then(() => {
      core.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
