// Scan-to-screen latency in the browser station: from a HID-POS report posted to the simulated scanner (/sim) to
// the clerk window's DOM showing the person, in Chromium, on two stations run side by side, one with an empty
// database and one with 1,000,000 registrations stored, beside two baselines measured in the same runs,
// interleaved with the scans:
//   - a refused scan: an unknown code through the very same path (HTTP, simulated bus, HID-POS driver, hub,
//     core, WebSocket, the window's reading queue, React) to the result banner turning "refused", but storing
//     nothing, so the difference is the registration's database work and the tube list's update;
//   - GET /sim/devices: the bare HTTP round trip to the station, the floor under both.
//
// How a sample is timed. The injection time is taken in this process right before the POST; the DOM time inside
// the page, by a MutationObserver armed before the POST, which fires right after the DOM change is committed (before
// the frame is painted, at most one frame later). Both are performance.timeOrigin + performance.now(): wall-clock
// milliseconds with sub-millisecond resolution, on the same machine clock in both processes; the run checks that
// the two clocks agree (a page timestamp taken between two of ours) and corrects by the measured offset if they do
// not. Waiting from here with page.waitForFunction instead would add a DevTools round trip and a polling interval
// to every sample.
//
// People: positions 1-9 of a tube are seen in the open tube's list ([data-testid="people"] li .position); the 10th
// seals the tube, which leaves the screen, so every person is also timed by the result banner turning "ok" (or
// "sealed" for the 10th). After each person an unknown code (the baseline) turns the banner "refused", so every
// scan changes the banner and nothing is mistaken for the scan before. Each scan waits for the screen to settle
// (two animation frames) before the next, as a clerk's next scan comes long after the last one is shown.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { DATABASE_FILE } from '../src-main/core/core';
import { hidPosReports, toHex } from '../src-main/core/devices/simulated/encode';
import { CHROMIUM_ARGS, chromiumPath } from '../tests/e2e/chromium';
import { openKeyed, passphraseEnv, TEST_PASSPHRASE } from '../tests/fixtures/passphrase';
import { seededPersonCode, seedRegistrations } from './seedRegistrations';
import { line, ms, summary } from './stats';

const ROOT = process.cwd();
const STATION = path.join(ROOT, 'out/main/station.js');
const CLI = path.join(ROOT, 'out/main/cli.js');
const DIR = fs.mkdtempSync(path.join(process.env.BENCH_DIR ?? os.tmpdir(), 'swabdesk-bench-'));
const STORED = 1_000_000;
const WARM_UP_TUBES = 2;
const MEASURED_TUBES = 35;
const TUBES_PER_BLOCK = 5;
const CAPACITY = 10;
const PIN = '2468';

/**
 * Wall-clock milliseconds with sub-millisecond resolution, as the page computes them too. The global performance,
 * not node:perf_hooks's: the functions given to page.evaluate name it, and the bundler would rename an import.
 */
const now = () => performance.timeOrigin + performance.now();

interface Station {
  port: number;
  clerkUrl: string;
  clerkKey: string;
  sim: URL;
  stop(): Promise<void>;
}

/** Starts the built browser station with simulated devices, as tests/e2e/station.ts does, and reads its URLs. */
async function startStation(dataDir: string): Promise<Station> {
  const child = spawn(process.execPath, [STATION, '--data-dir', dataDir, '--simulate'], { stdio: ['ignore', 'pipe', 'pipe'], env: passphraseEnv() });
  const output = await new Promise<string>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`The station did not start:\n${text}`)), 30_000);
    child.stderr.on('data', (chunk) => (text += chunk));
    child.stdout.on('data', (chunk) => {
      text += chunk;
      if (text.includes('Ctrl+C stops the station')) {
        clearTimeout(timer);
        resolve(text);
      }
    });
    child.on('exit', (code) => reject(new Error(`The station exited with ${code}:\n${text}`)));
  }).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
  const clerkUrl = /(http:\/\/127\.0\.0\.1:\d+\/clerk\/\?window=clerk-1#key=[\w-]+)/.exec(output)?.[1];
  const simUrl = /(http:\/\/127\.0\.0\.1:\d+\/sim\/devices\?key=[\w-]+)/.exec(output)?.[1];
  if (!clerkUrl || !simUrl) throw new Error(`The station printed no clerk or simulation URL:\n${output}`);
  return {
    port: Number(new URL(clerkUrl).port),
    clerkUrl,
    clerkKey: new URLSearchParams(new URL(clerkUrl).hash.slice(1)).get('key')!,
    sim: new URL(simUrl),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/** Adds the clerk before the station starts, as a manager would; returns the operator's id. */
function addClerk(dataDir: string): string {
  const printed = execFileSync(process.execPath, [CLI, 'add-operator', '--name', '测试', '--role', 'clerk', '--pin', PIN, '--data-dir', dataDir], {
    env: passphraseEnv(),
    encoding: 'utf8',
  });
  const id = /\(([^)]+)\)\.?\s*$/.exec(printed)?.[1];
  if (!id) throw new Error(`add-operator printed no operator id: ${printed}`);
  return id;
}

/** Signs desk 1 in over the station's WebSocket, exactly as the window's sign-in screen does. */
async function signIn(station: Station, operatorId: string): Promise<void> {
  const origin = `http://127.0.0.1:${station.port}`;
  const socket = new WebSocket(`ws://127.0.0.1:${station.port}/ws?key=${encodeURIComponent(station.clerkKey)}`, { origin });
  try {
    const reply = await new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer to session.signIn')), 10_000);
      socket.on('error', reject);
      socket.on('open', () => socket.send(JSON.stringify({ id: 1, channel: 'session.signIn', input: { operatorId, pin: PIN } })));
      socket.on('message', (data) => {
        const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
        if (message.id !== 1) return;
        clearTimeout(timer);
        resolve(message.result);
      });
    });
    const result = reply as { ok: boolean; value?: { result?: string } };
    if (!result.ok || result.value?.result !== 'signed-in') throw new Error(`desk 1 did not sign in: ${JSON.stringify(reply)}`);
  } finally {
    socket.close();
  }
}

const simUrl = (station: Station, route: string) => `${station.sim.origin}/sim/devices${route}${station.sim.search}`;

/** Waits until the hub has opened desk 1's HID-POS scanner. */
async function scannerOpen(station: Station): Promise<void> {
  const end = Date.now() + 15_000;
  while (Date.now() < end) {
    const devices = (await (await fetch(simUrl(station, ''))).json()) as { id: string; open: boolean }[];
    if (devices.find((device) => device.id === 'scanner-1')?.open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('scanner-1 was not opened by the station');
}

type Condition =
  | { name: string; kind: 'person'; position: number }
  | { name: string; kind: 'tone'; tone: string }
  | { name: string; kind: 'no-people' };

/** In the page: watches the DOM for the conditions, recording when each is first met. Refuses one met already. */
function armProbe(conditions: Condition[]): void {
  const met = (condition: Condition): boolean => {
    if (condition.kind === 'tone') {
      return document.querySelector('[data-testid="result"]')?.getAttribute('data-tone') === condition.tone;
    }
    const rows = [...document.querySelectorAll('[data-testid="people"] li')];
    if (condition.kind === 'no-people') return rows.length === 0;
    return rows.some((row) => row.querySelector('.position')?.textContent?.trim() === String(condition.position));
  };
  const already = conditions.filter(met).map((condition) => condition.name);
  if (already.length > 0) throw new Error(`already on screen before the scan: ${already.join(', ')}`);
  const seen: Record<string, number> = {};
  const target = window as unknown as { benchProbe?: Promise<Record<string, number>> };
  target.benchProbe = new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      const at = performance.timeOrigin + performance.now();
      for (const condition of conditions) if (!(condition.name in seen) && met(condition)) seen[condition.name] = at;
      if (conditions.every((condition) => condition.name in seen)) {
        observer.disconnect();
        clearTimeout(timer);
        resolve(seen);
      }
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`not on screen after 10 s: ${conditions.filter((c) => !(c.name in seen)).map((c) => c.name).join(', ')}`));
    }, 10_000);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
}

/** In the page: the probe's times, once all were seen and the frame showing them was painted. */
async function collectProbe(): Promise<Record<string, number>> {
  const seen = await (window as unknown as { benchProbe: Promise<Record<string, number>> }).benchProbe;
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  return seen;
}

/**
 * How far the page's clock is from ours. A page timestamp taken between two of ours shows whether they agree; the
 * tightest of 50 brackets bounds the offset. Returns 0 when the clocks agree within it, else the bracket's middle.
 */
async function clockOffset(page: Page): Promise<{ offset: number; bound: number }> {
  let best = { width: Infinity, low: 0, high: 0 };
  for (let i = 0; i < 50; i++) {
    const before = now();
    const inPage = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = now();
    if (after - before < best.width) best = { width: after - before, low: inPage - after, high: inPage - before };
  }
  const agree = best.low <= 0 && best.high >= 0;
  return { offset: agree ? 0 : (best.low + best.high) / 2, bound: best.width / 2 };
}

interface Samples {
  list: number[];
  banner: number[];
  refused: number[];
  http: number[];
}

interface Desk {
  label: string;
  samples: Samples;
  /** Scans a tube barcode, then its 10 people each followed by an unknown code; records them when `measured`. */
  tube(measured: boolean): Promise<void>;
  close(): Promise<void>;
}

/** A station on `dataDir` with desk 1 signed in and its clerk window open, ready to scan through scanner-1. */
async function openDesk(browser: Browser, dataDir: string, operatorId: string, label: string): Promise<Desk> {
  const station = await startStation(dataDir);
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  const close = async () => {
    await page.close();
    await station.stop();
  };
  try {
    await signIn(station, operatorId);
    await scannerOpen(station);
    await page.goto(station.clerkUrl);
    // The desk itself, not the sign-in screen: the result banner and the scan field.
    await page.getByTestId('result').waitFor();
    if (await page.getByTestId('sign-in').count()) throw new Error('the clerk window shows the sign-in screen');
  } catch (error) {
    await close();
    throw error;
  }
  const clock = await clockOffset(page);
  line(`${label}: page clock minus bench clock`, `${ms(clock.offset)} (±${ms(clock.bound)})`);

  const reports = simUrl(station, '/scanner-1/reports');
  /** Posts a scan's reports and returns how long after the POST started each condition was met. */
  const scan = async (text: string, conditions: Condition[]): Promise<Record<string, number>> => {
    const body = hidPosReports(text).map(toHex).join('\n');
    await page.evaluate(armProbe, conditions);
    const injectedAt = now();
    const response = await fetch(reports, { method: 'POST', body });
    if (response.status !== 200) throw new Error(`POST reports: ${response.status} ${await response.text()}`);
    const seen = await page.evaluate(collectProbe);
    return Object.fromEntries(Object.entries(seen).map(([name, at]) => [name, at - clock.offset - injectedAt]));
  };

  const samples: Samples = { list: [], banner: [], refused: [], http: [] };
  let tubes = 0;
  let person = 0;
  let refusal = 0;
  return {
    label,
    samples,
    close,
    async tube(measured) {
      await page.bringToFront();
      await scan(String(2_026_112_300_001 + tubes++), [{ name: 'banner', kind: 'tone', tone: 'info' }]);
      for (let position = 1; position <= CAPACITY; position++) {
        const full = position === CAPACITY;
        const shown = await scan(
          seededPersonCode(person++),
          full
            ? [
                { name: 'banner', kind: 'tone', tone: 'sealed' },
                { name: 'gone', kind: 'no-people' },
              ]
            : [
                { name: 'list', kind: 'person', position },
                { name: 'banner', kind: 'tone', tone: 'ok' },
              ],
        );
        const start = now();
        const listed = await fetch(simUrl(station, ''));
        await listed.arrayBuffer();
        const http = now() - start;
        // An unknown code of the same length, one HID report like a person's code: refused, nothing stored.
        const unknown = `NOT-A-PERSON-${String(refusal++).padStart(25, '0')}`;
        const refused = await scan(unknown, [{ name: 'banner', kind: 'tone', tone: 'refused' }]);
        if (!measured) continue;
        if (!full) samples.list.push(shown.list);
        samples.banner.push(shown.banner);
        samples.http.push(http);
        samples.refused.push(refused.banner);
      }
    },
  };
}

function cell(samples: number[]): string {
  const { p50, p99 } = summary(samples);
  return `${String(samples.length).padStart(4)}  ${ms(p50).padStart(9)}  ${ms(p99).padStart(9)}`;
}

async function main(): Promise<void> {
  if (!fs.existsSync(STATION)) throw new Error(`${STATION} is missing: run \`npm run build\` first.`);
  const emptyDir = path.join(DIR, 'empty');
  const fullDir = path.join(DIR, 'million');
  const emptyOperator = addClerk(emptyDir);
  const fullOperator = addClerk(fullDir);
  const seedStart = now();
  const { days } = seedRegistrations(fullDir, STORED, fullOperator, TEST_PASSPHRASE);
  line(`seeding ${STORED.toLocaleString('en')} registrations (${days} past days)`, ms(now() - seedStart));
  const check = openKeyed(path.join(fullDir, DATABASE_FILE), { readonly: true });
  const stored = check.prepare<[], { n: number }>("SELECT count(*) AS n FROM registrations WHERE status = 'active'").get()!.n;
  check.close();
  line('registrations stored when the stations start', `${stored.toLocaleString('en')} and 0`);

  const browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
  const desks: Desk[] = [];
  try {
    line('machine', `${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim()}), Chromium ${browser.version()}, Node ${process.version}`);
    line('databases in', DIR);
    // Both stations run side by side and take turns, a block of tubes each, the first of each pair alternating:
    // whatever warms up or slows down during the run (the browser, the disk, the machine's other tenants) falls
    // on both alike instead of on whichever went first.
    const empty = await openDesk(browser, emptyDir, emptyOperator, 'empty database');
    desks.push(empty);
    const full = await openDesk(browser, fullDir, fullOperator, '1,000,000 stored');
    desks.push(full);
    for (const desk of desks) for (let i = 0; i < WARM_UP_TUBES; i++) await desk.tube(false);
    for (let block = 0; block * TUBES_PER_BLOCK < MEASURED_TUBES; block++) {
      for (const desk of block % 2 === 0 ? [empty, full] : [full, empty]) {
        for (let i = 0; i < TUBES_PER_BLOCK; i++) await desk.tube(true);
      }
    }

    const width = 58;
    console.log();
    console.log(`${'HID-POS report POSTed to /sim -> clerk window DOM'.padEnd(width)} ${'empty database'.padEnd(28)} 1,000,000 stored`);
    console.log(`${''.padEnd(width)} ${'   n        p50        p99'.padEnd(28)}    n        p50        p99`);
    const row = (label: string, pick: (s: Samples) => number[]) =>
      console.log(`${label.padEnd(width)} ${cell(pick(empty.samples))}  ${cell(pick(full.samples))}`);
    row("person's row in the open tube's list (positions 1-9)", (s) => s.list);
    row("person's result banner, ok / sealed (positions 1-10)", (s) => s.banner);
    row('baseline: unknown code, banner "refused" (stores nothing)', (s) => s.refused);
    row('baseline: GET /sim/devices, HTTP round trip only', (s) => s.http);
  } finally {
    for (const desk of desks) await desk.close();
    await browser.close();
    fs.rmSync(DIR, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  fs.rmSync(DIR, { recursive: true, force: true });
  process.exit(1);
});
