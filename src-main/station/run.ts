// Starts the browser station from command-line arguments and prints each window's URL, named in words.
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE } from '../core/core';
import { dataDirArgument, platformDataDir } from '../core/dataDir';
import { launchArguments } from '../core/launchArguments';
import { createRuntime, StopRequested, stopOnSignals } from '../runtime';
import { sitePassphrase } from '../passphrase/sitePassphrase';
import { startStation } from './server';
import { windowLabel } from './windowLabel';

function portArgument(argv: readonly string[]): number {
  const index = argv.indexOf('--port');
  if (index === -1) return 0;
  const port = Number(argv[index + 1]);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port takes a whole number from 0 to 65535, not ${JSON.stringify(argv[index + 1])}.`);
  }
  return port;
}

export async function runStation(argv: readonly string[]): Promise<void> {
  // From the very start: a signal while the passphrase is asked or the database opens still ends the process cleanly.
  const runtime = createRuntime();
  stopOnSignals(runtime);
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
  let station: Awaited<ReturnType<typeof startStation>>;
  try {
    const key = await sitePassphrase(argv, !fs.existsSync(path.join(dataDir, DATABASE_FILE)));
    console.log(`Opening the site's data in ${dataDir}…`);
    ({ station } = await runtime.start(
      { dataDir, key, desks: launch.desks ?? undefined, simulate: launch.simulate },
      async ({ core, windows, devices }) => {
        const served = await startStation({
          core,
          rendererDir: path.join(__dirname, '../renderer'),
          windows,
          port,
          simulation: devices.simulation,
        });
        return { station: served, close: () => served.close() };
      },
    ));
  } catch (error) {
    if (error instanceof StopRequested) return;
    // No passphrase, the wrong one, one too short for a new site, a port in use: said in one line, nothing left open.
    console.error((error as Error).message);
    process.exitCode = 2;
    await runtime.stop();
    return;
  }

  console.log(`SwabDesk browser station on 127.0.0.1:${station.port}`);
  const lines = [
    ...station.urls.map(({ window, url }) => [windowLabel(window), url]),
    ...(station.simulationUrl ? [[windowLabel('simulatedDevices'), station.simulationUrl]] : []),
  ];
  const width = Math.max(...lines.map(([label]) => label.length));
  for (const [label, url] of lines) console.log(`  ${label.padEnd(width)}  ${url}`);
  console.log('Open each URL in Chromium or Chrome on this computer. Ctrl+C stops the station.');
}
