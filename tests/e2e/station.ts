// Starts the built browser station in its own process with a fresh data folder, as a user would run it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readSnapshot } from '../fixtures/tempCore';

const STATION = path.resolve(__dirname, '../../out/main/station.js');

export interface RunningStation {
  dataDir: string;
  urls: { clerk: string; manager: string };
  /** Every row of every table, to show that a refused scan changed nothing. */
  snapshot(): Record<string, unknown[]>;
  stop(): Promise<void>;
}

export async function startStation(): Promise<RunningStation> {
  if (!fs.existsSync(STATION)) throw new Error(`${STATION} is missing: run \`npm run build\` first.`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'swabdesk-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [STATION, '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const urls = await new Promise<{ clerk: string; manager: string }>((resolve, reject) => {
    let output = '';
    const found: Record<string, string> = {};
    const timer = setTimeout(() => reject(new Error(`The station did not start:\n${output}`)), 20_000);
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.stdout!.on('data', (chunk) => {
      output += chunk;
      for (const match of output.matchAll(/(http:\/\/127\.0\.0\.1:\d+\/(clerk|manager)\/#key=[\w-]+)/g)) {
        found[match[2]] = match[1];
      }
      if (found.clerk && found.manager) {
        clearTimeout(timer);
        resolve({ clerk: found.clerk, manager: found.manager });
      }
    });
    child.on('exit', (code) => reject(new Error(`The station exited with ${code}:\n${output}`)));
  });

  return {
    dataDir,
    urls,
    snapshot: () => readSnapshot(dataDir),
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => {
          fs.rmSync(dataDir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
