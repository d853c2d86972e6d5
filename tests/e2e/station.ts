// Starts the built browser station in its own process with a fresh data folder, as a user would run it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_FILE } from '../../src-main/core/core';
import { openKeyed, passphraseEnv, TEST_PASSPHRASE } from '../fixtures/passphrase';
import { readSnapshot } from '../fixtures/tempCore';

const STATION = path.resolve(__dirname, '../../out/main/station.js');
const CLI = path.resolve(__dirname, '../../out/main/cli.js');

export interface Clerk {
  name: string;
  pin: string;
}

/** The clerks every test station has, added as a manager would before opening the site. */
export const CLERKS: readonly Clerk[] = [
  { name: '王芳', pin: '2468' },
  { name: '李强', pin: '1357' },
];

/** The site manager every test station has, unless a test opens a new site. */
export const MANAGER: Clerk = { name: '赵经理', pin: '9753' };

export interface StationOptions {
  /** Site settings stored before the station starts, as a manager would have set them. */
  settings?: Record<string, unknown>;
  /** False: a new site, whose manager window asks for its first manager. */
  withManager?: boolean;
  /** Work done on the site before the station starts (a past day's, say), given its data folder. */
  prepare?: (dataDir: string) => void;
}

export interface RunningStation {
  dataDir: string;
  /** The clerk window of desk 1, the manager's, and every window by id (clerk-1, clerk-2, manager, guide). */
  urls: { clerk: string; manager: string; byWindow: Record<string, string> };
  /** With --simulate: the /sim/devices URL with its key. */
  simulationUrl: string | null;
  /** Every row of every table, to show that a refused scan changed nothing. */
  snapshot(): Record<string, unknown[]>;
  /** What the station printed so far (stdout and stderr). */
  log(): string;
  stop(): Promise<void>;
}

/** Starts a station on a fresh data folder with the test clerks (and manager) added. */
export async function startStation(args: string[] = [], options: StationOptions = {}): Promise<RunningStation> {
  const { settings = {}, withManager = true, prepare } = options;
  if (!fs.existsSync(STATION)) throw new Error(`${STATION} is missing: run \`npm run build\` first.`);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'swabdesk-e2e-'));
  const operators = [...CLERKS.map((clerk) => ({ ...clerk, role: 'clerk' })), ...(withManager ? [{ ...MANAGER, role: 'manager' }] : [])];
  for (const { name, role, pin } of operators) {
    execFileSync(process.execPath, [CLI, 'add-operator', '--name', name, '--role', role, '--pin', pin, '--data-dir', dataDir], {
      env: passphraseEnv(),
    });
  }
  if (Object.keys(settings).length > 0) {
    const db = openKeyed(path.join(dataDir, DATABASE_FILE));
    const store = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
    for (const [key, value] of Object.entries(settings)) store.run(key, JSON.stringify(value));
    db.close();
  }
  prepare?.(dataDir);
  // The site's data is encrypted, as every station's is: the station takes the passphrase from its environment.
  const child: ChildProcess = spawn(process.execPath, [STATION, '--data-dir', dataDir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: passphraseEnv(),
  });
  // Everything the station prints, for as long as it runs: its log.
  let text = '';
  child.stderr!.on('data', (chunk) => (text += chunk));
  child.stdout!.on('data', (chunk) => (text += chunk));
  const output = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The station did not start:\n${text}`)), 20_000);
    child.stdout!.on('data', () => {
      // The station prints this line after every URL.
      if (text.includes('Ctrl+C stops the station')) {
        clearTimeout(timer);
        resolve(text);
      }
    });
    child.on('exit', (code) => reject(new Error(`The station exited with ${code}:\n${text}`)));
  });
  const found = output.matchAll(/(http:\/\/127\.0\.0\.1:\d+\/(?:clerk|manager|guide)\/\?window=([\w-]+)#key=[\w-]+)/g);
  const byWindow = Object.fromEntries([...found].map(([, url, window]) => [window, url]));

  return {
    dataDir,
    urls: { clerk: byWindow['clerk-1'], manager: byWindow.manager, byWindow },
    simulationUrl: /(http:\/\/127\.0\.0\.1:\d+\/sim\/devices\?key=[\w-]+)/.exec(output)?.[1] ?? null,
    snapshot: () => readSnapshot(dataDir, TEST_PASSPHRASE),
    log: () => text,
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
