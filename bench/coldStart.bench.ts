// Cold start: from starting the built browser station (node out/main/station.js, encrypted, as users run it) to
// its URLs printed, and to the clerk window usable in Chromium (its sign-in screen shown), for an empty station and
// for one holding 1,000,000 registrations with their fact history. The browser is started beforehand and kept: a
// desk's browser is open already when the station starts. Five starts of each, alternating.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { createCore } from '../src-main/core/core';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/e2e/chromium';
import { passphraseEnv, TEST_PASSPHRASE } from '../tests/fixtures/passphrase';
import { seedRegistrations } from './seedRegistrations';
import { line, ms, summary } from './stats';

const ROOT = process.cwd();
const STATION = path.join(ROOT, 'out/main/station.js');
const DIR = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'swabdesk-bench-'));
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 1_000_000);
const STARTS = 5;

/** Starts the station; resolves when it has printed its URLs, with the clerk's, and a way to stop it. */
function start(dataDir: string): Promise<{ clerkUrl: string; printedMs: number; stop: () => Promise<void> }> {
  const started = performance.now();
  const child = spawn(process.execPath, [STATION, '--data-dir', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'], env: passphraseEnv() });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk) => {
      text += chunk;
      if (!text.includes('Ctrl+C stops the station')) return;
      const clerkUrl = /(http:\/\/127\.0\.0\.1:\d+\/clerk\/\?window=clerk-1#key=[\w-]+)/.exec(text)?.[1];
      if (!clerkUrl) return reject(new Error(`no clerk URL in:\n${text}`));
      resolve({
        clerkUrl,
        printedMs: performance.now() - started,
        stop: () => new Promise<void>((done) => child.once('exit', () => done()).kill('SIGTERM')),
      });
    });
    child.once('exit', (code) => reject(new Error(`the station exited with ${code}:\n${text}`)));
  });
}

async function main(): Promise<void> {
  const empty = path.join(DIR, 'empty');
  const full = path.join(DIR, 'full');
  createCore({ dataDir: empty, key: TEST_PASSPHRASE }).close();
  const core = createCore({ dataDir: full, key: TEST_PASSPHRASE });
  const clerk = core.admin.saveOperator({ name: '测试', role: 'clerk', pin: '2468' }, 'bench');
  core.close();
  if (clerk.result !== 'saved') throw new Error(JSON.stringify(clerk));
  const seeding = performance.now();
  seedRegistrations(full, PEOPLE, clerk.operator.id, TEST_PASSPHRASE, true);
  line(`seeding ${PEOPLE.toLocaleString('en')} registrations with their facts`, `${((performance.now() - seeding) / 1000).toFixed(1)} s`);

  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const page = await browser.newPage();
  const printed: Record<string, number[]> = { empty: [], full: [] };
  const usable: Record<string, number[]> = { empty: [], full: [] };
  for (let i = 0; i < STARTS; i++) {
    for (const [name, dir] of [['empty', empty], ['full', full]] as const) {
      const launched = performance.now();
      const station = await start(dir);
      await page.goto(station.clerkUrl);
      await page.getByTestId('sign-in').waitFor({ state: 'visible' });
      usable[name].push(performance.now() - launched);
      printed[name].push(station.printedMs);
      await station.stop();
    }
  }
  await browser.close();
  for (const [name, label] of [['empty', 'empty station'], ['full', `${PEOPLE.toLocaleString('en')} registrations`]] as const) {
    const urls = summary(printed[name]);
    const window = summary(usable[name]);
    line(`${label}: start to URLs printed`, `median ${ms(urls.p50)}, max ${ms(urls.max)}`);
    line(`${label}: start to the clerk window's sign-in shown`, `median ${ms(window.p50)}, max ${ms(window.max)}`);
  }
  fs.rmSync(DIR, { recursive: true, force: true });
}

void main();
