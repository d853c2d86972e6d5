// The browser station as a process, as `npm start` runs it: what it prints, and how it ends on SIGTERM or SIGINT
// at any moment of its start.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/core/core';
import { openKeyed, passphraseEnv } from '../fixtures/passphrase';
import { tempDir } from '../fixtures/tempCore';

const STATION = path.resolve(__dirname, '../../out/main/station.js');
const UP = 'Ctrl+C stops the station';
let dataDir: string;

beforeAll(() => {
  dataDir = tempDir('swabdesk-station-process-');
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
  /** Whether the station had said it was up when the signal was sent. */
  wasUp: boolean;
}

/**
 * Starts the station and, `afterMs` after it says it is opening the site's data (or once it is up, with
 * `whenUp`), sends `signal`; resolves when the process has ended.
 */
function runUntilSignal(args: string[], signal: NodeJS.Signals, moment: { afterMs: number } | 'whenUp'): Promise<Ended> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [STATION, '--data-dir', dataDir, '--port', '0', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: passphraseEnv(),
    });
    let output = '';
    let sent = false;
    let wasUp = false;
    const send = () => {
      wasUp = output.includes(UP);
      child.kill(signal);
    };
    child.stderr.on('data', (chunk) => (output += chunk));
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (sent) return;
      if (moment === 'whenUp' ? output.includes(UP) : output.includes("Opening the site's data")) {
        sent = true;
        if (moment === 'whenUp') send();
        else setTimeout(send, moment.afterMs);
      }
    });
    child.on('exit', (code, exitSignal) => resolve({ code, signal: exitSignal, output, wasUp }));
  });
}

it('names every window in words, in both languages, and says where its devices are driven', async () => {
  const { code, output } = await runUntilSignal(['--desks', '2', '--simulate'], 'SIGINT', 'whenUp');
  expect(code).toBe(0);
  const urls = output.split('\n').filter((line) => line.includes('http://127.0.0.1:'));
  expect(urls).toHaveLength(5);
  expect(urls[0]).toMatch(/^ {2}Clerk, desk 1 \/ 登记员，1 号台 +http:\/\/127\.0\.0\.1:\d+\/clerk\/\?window=clerk-1#key=/);
  expect(urls[1]).toMatch(/^ {2}Clerk, desk 2 \/ 登记员，2 号台 +http:\/\/127\.0\.0\.1:\d+\/clerk\/\?window=clerk-2#key=/);
  expect(urls[2]).toMatch(/^ {2}Site manager \/ 点位负责人 +http:\/\/127\.0\.0\.1:\d+\/manager\/\?window=manager#key=/);
  expect(urls[3]).toMatch(/^ {2}Pre-registration \/ 预登记 +http:\/\/127\.0\.0\.1:\d+\/guide\/\?window=guide#key=/);
  expect(urls[4]).toMatch(/^ {2}Simulated devices \/ 模拟设备 +http:\/\/127\.0\.0\.1:\d+\/sim\/devices\?key=/);
  expect(output).not.toMatch(/undefined|null|NaN|\{\{/);
}, 30_000);

it('ends with code 0 and an intact database on SIGTERM or SIGINT at any moment of its start', async () => {
  const runs = 16;
  let duringStart = 0;
  for (let run = 0; run < runs; run++) {
    const signal = run % 2 === 0 ? 'SIGTERM' : 'SIGINT';
    // A start takes some tens of milliseconds here: most signals land in it, the rest once the station is up.
    const ended = await runUntilSignal(['--simulate'], signal, { afterMs: run % 4 === 0 ? 0 : Math.random() * 80 });
    expect({ run, code: ended.code, signal: ended.signal }, ended.output).toEqual({ run, code: 0, signal: null });
    if (!ended.wasUp) duringStart++;
    const db = openKeyed(path.join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true }), `run ${run}`).toBe('ok');
    } finally {
      db.close();
    }
  }
  // The signals must have come while it was starting, not only once it was up.
  expect(duringStart).toBeGreaterThan(0);
  console.log(`${runs} signals, ${duringStart} of them before the station was up`);
}, 120_000);
