// `npm run demo`: a station with simulated devices, and a whole tube of 10 driven through it over the /sim
// endpoints as a person at the desk would: the tube by the HID-POS scanner, people by QR codes, a serial
// scanner and ID cards on the reader. Open the printed clerk URL to watch it; --exit stops when done.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DATABASE_FILE, type Core } from '../core/core';
import { dataDirArgument } from '../core/dataDir';
import { sitePassphrase } from '../passphrase/sitePassphrase';
import { hidPosReports, residentCardText, serialScan, toHex } from '../core/devices/simulated/encode';
import { createRuntime, StopRequested, stopOnSignals } from '../runtime';
import { startStation } from '../station/server';
import { windowLabel } from '../station/windowLabel';
import { demoPeople } from './people';

const argv = process.argv.slice(2);
const DEMO_CLERK = { name: '演示登记员', pin: '2468' };

/**
 * The demo's clerk, added on first run as `npm run cli -- add-operator` does, then signed in at desk 1 as a person
 * would at the window (whose sign-in screen lists who may sign in there).
 */
function signInDemoClerk(core: Core): void {
  const desk = { role: 'clerk' as const, desk: '1' };
  const state = core.call(desk, 'session.state');
  const known = state.ok ? state.value.operators.find((o) => o.name === DEMO_CLERK.name) : undefined;
  const added = known ? null : core.admin.saveOperator({ ...DEMO_CLERK, role: 'clerk' }, 'demo');
  const id = known?.id ?? (added?.result === 'saved' ? added.operator.id : undefined);
  const signedIn = id ? core.call(desk, 'session.signIn', { operatorId: id, pin: DEMO_CLERK.pin }) : null;
  if (!signedIn?.ok || signedIn.value.result !== 'signed-in') throw new Error('The demo clerk could not sign in.');
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, argv.includes('--fast') ? 0 : ms));

async function main(): Promise<void> {
  const runtime = createRuntime();
  stopOnSignals(runtime);
  const chosenDir = dataDirArgument(argv);
  const dataDir = chosenDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'swabdesk-demo-'));
  // A demo in a folder of its own is encrypted with a key nobody keeps: its made-up data ends with it.
  const key = chosenDir
    ? await sitePassphrase(argv, !fs.existsSync(path.join(dataDir, DATABASE_FILE)))
    : randomBytes(32).toString('hex');
  const { core, station } = await runtime.start(
    { dataDir, key, desks: 2, simulate: true, prepare: signInDemoClerk },
    async ({ core, windows, devices }) => {
      const served = await startStation({ core, rendererDir: path.join(__dirname, '../renderer'), windows, port: 0, simulation: devices.simulation });
      return { station: served, close: () => served.close() };
    },
  );
  console.log(`SwabDesk demo station on 127.0.0.1:${station.port}, data in ${dataDir}`);
  for (const { window, url } of station.urls) console.log(`  ${windowLabel(window)}  ${url}`);
  console.log(`  ${windowLabel('simulatedDevices')}  ${station.simulationUrl}`);
  console.log(`Desk 1 is signed in as ${DEMO_CLERK.name}; after its idle lock, sign in again with PIN ${DEMO_CLERK.pin}.`);

  const said: string[] = [];
  core.subscribe({ role: 'clerk', desk: '1' }, ({ event, payload }) => {
    if (event !== 'desk.reading') return;
    const outcome = payload.outcome;
    const line = outcome === null ? `not saved: ${payload.error?.message}` : outcome.result === 'refused' ? `refused: ${outcome.problem}` : outcome.result;
    said.push(line);
    console.log(`    ${payload.device.padEnd(26)} -> ${line}`);
  });

  const simulation = new URL(station.simulationUrl!);
  const send = async (device: string, lines: Uint8Array[]) => {
    const url = new URL(`/sim/devices/${device}/reports${simulation.search}`, simulation);
    const response = await fetch(url, { method: 'POST', body: lines.map(toHex).join('\n') });
    if (!response.ok) throw new Error(`${device}: ${response.status} ${await response.text()}`);
  };

  // Each step waits for its outcome: a card lies on the reader until the driver's next poll reads it.
  const heard = async (count: number) => {
    for (let i = 0; i < 100 && said.length < count; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    if (said.length < count) throw new Error(`No outcome heard for step ${count}.`);
  };
  // The hub opens the devices on its first enumeration; give the watcher a moment to open the page.
  await pause(3000);
  const tube = `${new Date().toISOString().slice(0, 10).replaceAll('-', '')}00001`;
  console.log(`Desk 1: tube ${tube}, then 10 people`);
  await send('scanner-1', hidPosReports(tube, ']C0', 'j'));
  await heard(1);
  for (const [i, person] of demoPeople().entries()) {
    await pause(1200);
    if (i % 3 === 2) await send('reader-1', [residentCardText(person.card)]);
    else if (i === 4) await send('serial-scanner-1', [serialScan(person.code)]);
    else await send('scanner-1', hidPosReports(person.code));
    await heard(i + 2);
  }
  const sealed = said.at(-1) === 'person-added' && said.length === 11;
  console.log(sealed ? 'The tube is full and sealed itself: 10 people registered.' : `Expected 11 outcomes, heard ${said.length}.`);
  if (!sealed) process.exitCode = 1;

  if (argv.includes('--exit')) {
    await runtime.stop();
    return;
  }
  console.log('The station keeps running so you can look around. Ctrl+C stops it.');
}

main().catch((error: unknown) => {
  if (error instanceof StopRequested) return;
  console.error((error as Error).message);
  process.exitCode = 1;
});
