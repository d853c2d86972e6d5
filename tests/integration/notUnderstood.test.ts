// Scans the station cannot understand, over the simulated bus (production code from the port boundary up): a
// HID-POS code over 4,096 bytes, Newland-layout reports on the default Honeywell profile, serial framing noise and
// keyboard-mode reports the decoder cannot read are each told to their own desk as "not understood", at most
// once a second per desk, and stored nowhere; each device's state counts them since it was plugged in, pushed
// as they come. The core's clock is the test's: a second passes when the test says so.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/core';
import type { EventName, EventPayload, Identity, PushedEvent } from '../../src-main/core/contract';
import { connectDevices } from '../../src-main/core/devices/connect';
import { NOT_UNDERSTOOD_NOTICE_MS } from '../../src-main/core/registration/deskReadings';
import type { DeviceHub } from '../../src-main/core/devices/hub';
import { deviceIdentity } from '../../src-main/core/devices/ports/port';
import { createHidPosDecoder } from '../../src-main/core/devices/scanner/hidPos';
import { SIMULATED_PROFILES, simulatedAssignments, simulatedDevices } from '../../src-main/core/devices/simulated/catalogue';
import { hidPosReports } from '../../src-main/core/devices/simulated/encode';
import { createSimulatedBus, type SimulatedBus } from '../../src-main/core/devices/simulated/simulatedBus';
import { CLERK, driver, MANAGER, OTHER_CLERK } from '../fixtures/driver';
import { personCode } from '../fixtures/people';
import { tempCore } from '../fixtures/tempCore';
import { hex, loadVectors } from '../fixtures/vectors';

let core: Core;
let dispose: () => void;
let d: ReturnType<typeof driver>;
let bus: SimulatedBus;
let hub: DeviceHub;
let pushed: { who: Identity; event: PushedEvent }[];
const START = new Date(2026, 10, 23, 9, 30).getTime();
let now: Date;

const catalogue = simulatedDevices(['1', '2']);
const NOT_UNDERSTOOD = { result: 'refused', problem: 'scan-not-understood' };
/** A Newland-layout report (no AIM identifier after the length) from the shared vectors: Code 128 "ABC1234567". */
const NEWLAND_REPORT = hex(loadVectors().pos_newland_code128[0]);

/** A code in the Newland layout: length, data from byte 2, symbology at 62, bit 0 of byte 63 for "more follows". */
function newlandReports(text: string): Uint8Array[] {
  const data = new TextEncoder().encode(text);
  const reports: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += 56) {
    const part = data.subarray(at, at + 56);
    const report = new Uint8Array(64);
    report.set([0x02, part.length]);
    report.set(part, 2);
    report[62] = NEWLAND_REPORT[62];
    report[63] = at + 56 < data.length ? 0x01 : 0x00;
    reports.push(report);
  }
  return reports;
}

beforeEach(async () => {
  now = new Date(START);
  let dataDir: string;
  ({ core, dataDir, dispose } = tempCore(() => now));
  d = driver(core, dataDir);
  pushed = [];
  for (const who of [CLERK, OTHER_CLERK, MANAGER]) core.subscribe(who, (event) => pushed.push({ who, event }));
  bus = createSimulatedBus(catalogue);
  // The hub enumerates again only when a test asks (hub.refresh): whatever else is pushed, the devices pushed.
  hub = connectDevices(core, {
    providers: bus.providers,
    defaultDesk: null,
    launchProfiles: SIMULATED_PROFILES,
    launchAssignments: simulatedAssignments(catalogue),
    pollMs: 3_600_000,
  });
  await hub.start();
});
afterEach(async () => {
  await hub.stop();
  dispose();
});

/** The reports, handed to the drivers one by one; the hub and the core answer each before the next. */
async function send(device: string, reports: Uint8Array[]): Promise<void> {
  expect(await bus.deliver(device, reports)).toBeNull();
}

const readingsFor = (who: Identity) =>
  pushed.flatMap(({ who: to, event }) => (to === who && event.event === 'desk.reading' ? [event.payload] : []));
const noticesFor = (who: Identity) =>
  readingsFor(who).filter((reading) => reading.outcome?.result === 'refused' && reading.outcome.problem === 'scan-not-understood');
const lastPushed = <E extends EventName>(who: Identity, name: E) =>
  pushed.filter(({ who: to, event }) => to === who && event.event === name).at(-1)?.event.payload as EventPayload<E> | undefined;
const identityOf = (id: string) => deviceIdentity(catalogue.find((device) => device.id === id)!.info);
const advanceClock = (ms: number) => (now = new Date(now.getTime() + ms));

describe('a scan the station cannot understand', () => {
  it('is told once to its own desk when a HID-POS code runs over 4,096 bytes, and nothing is stored', async () => {
    const before = d.tables();
    await send('scanner-1', hidPosReports('A'.repeat(5000)));
    expect(readingsFor(CLERK)).toEqual([{ device: 'HID-POS scanner (simulated) · /dev/simhid0', kind: 'scan', outcome: NOT_UNDERSTOOD, error: null }]);
    expect(readingsFor(OTHER_CLERK)).toEqual([]);
    expect(d.tables()).toEqual(before);
  });

  it('is told once to its own desk for a Newland-layout code on the Honeywell profile, and nothing is stored', async () => {
    // A personal code with an address: over 56 bytes, so more than one report.
    const code = `${personCode(2)}|北京市东城区东华门街道 12 号楼 401`;
    const reports = newlandReports(code);
    // Real Newland reports: a scanner on a Newland profile reads them.
    const newland = createHidPosDecoder('newland');
    expect(reports.flatMap((report) => newland.push(report))).toEqual([{ kind: 'scan', symbology: null, text: code }]);
    expect(reports.length).toBeGreaterThan(1);

    const before = d.tables();
    await send('scanner-2', reports);
    expect(readingsFor(OTHER_CLERK)).toEqual([{ device: 'HID-POS scanner (simulated) · /dev/simhid2', kind: 'scan', outcome: NOT_UNDERSTOOD, error: null }]);
    expect(readingsFor(CLERK)).toEqual([]);
    expect(d.tables()).toEqual(before);
  });

  it('is told for serial framing noise and for keyboard-mode reports the decoder cannot read', async () => {
    const before = d.tables();
    // A control character inside the frame: line noise, not a code.
    await send('serial-scanner-1', [Uint8Array.from([...Buffer.from('2026'), 0x07, ...Buffer.from('1123\r')])]);
    expect(noticesFor(CLERK)).toEqual([expect.objectContaining({ device: 'Serial scanner (simulated) · /dev/simtty1', outcome: NOT_UNDERSTOOD })]);
    advanceClock(NOT_UNDERSTOOD_NOTICE_MS);
    // Left Ctrl held with a key: no scanner types that.
    await send('keyboard-scanner-1', [Uint8Array.of(0x01, 0, 0x06, 0, 0, 0, 0, 0)]);
    expect(noticesFor(CLERK).map((reading) => reading.device)).toEqual([
      'Serial scanner (simulated) · /dev/simtty1',
      'Keyboard-mode scanner (simulated) · /dev/simhid1',
    ]);
    expect(d.tables()).toEqual(before);
  });

  it('is told once for a burst within a second, again once a second has passed, and each desk on its own', async () => {
    await send('scanner-1', [NEWLAND_REPORT, NEWLAND_REPORT, NEWLAND_REPORT, NEWLAND_REPORT, NEWLAND_REPORT]);
    expect(noticesFor(CLERK)).toHaveLength(1);
    advanceClock(NOT_UNDERSTOOD_NOTICE_MS - 1);
    await send('scanner-1', [NEWLAND_REPORT]);
    expect(noticesFor(CLERK)).toHaveLength(1);
    advanceClock(1);
    await send('scanner-1', [NEWLAND_REPORT, NEWLAND_REPORT]);
    expect(noticesFor(CLERK)).toHaveLength(2);
    // Desk 2 has not been told within the second: it is told at once.
    await send('scanner-2', [NEWLAND_REPORT]);
    expect(noticesFor(OTHER_CLERK)).toHaveLength(1);
    expect(readingsFor(CLERK)).toHaveLength(2);
  });

  it('is told again at once when the clock was set back', async () => {
    await send('scanner-1', [NEWLAND_REPORT]);
    advanceClock(-3_600_000);
    await send('scanner-1', [NEWLAND_REPORT]);
    expect(noticesFor(CLERK)).toHaveLength(2);
  });

  it('is told to a locked desk too', async () => {
    d.call(OTHER_CLERK, 'session.lock');
    await send('scanner-2', hidPosReports('A'.repeat(5000)));
    expect(noticesFor(OTHER_CLERK)).toEqual([expect.objectContaining({ outcome: NOT_UNDERSTOOD })]);
  });

  it('answers a warning waiting for F2 with "no", as any other scan does', async () => {
    await send('scanner-1', hidPosReports('2026112300001', ']C0'));
    await send('scanner-1', hidPosReports(personCode(3)));
    d.seal();
    await send('scanner-1', hidPosReports('2026112300002', ']C0'));
    await send('scanner-1', hidPosReports(personCode(3)));
    expect(readingsFor(CLERK).at(-1)?.outcome).toMatchObject({ result: 'confirm' });
    await send('scanner-1', [NEWLAND_REPORT]);
    expect(readingsFor(CLERK).at(-1)?.outcome).toEqual(NOT_UNDERSTOOD);
    expect(d.call(CLERK, 'clerk.confirmReading')).toEqual({ result: 'refused', problem: 'nothing-to-confirm' });
  });
});

describe('the count of reports not understood', () => {
  it('is in the device state, pushed to the manager and the desk as it grows, and starts again on re-plug', async () => {
    const scanner = identityOf('scanner-1');
    const counted = (noise: number, status = 'ready') => expect.arrayContaining([expect.objectContaining({ id: scanner, status, noise })]);
    expect(d.call(MANAGER, 'site.devices')).toEqual(counted(0));

    await send('scanner-1', [NEWLAND_REPORT, NEWLAND_REPORT, NEWLAND_REPORT]);
    // Pushed at once: the hub's next enumeration is an hour away.
    expect(lastPushed(MANAGER, 'site.devices')).toEqual(counted(3));
    expect(lastPushed(CLERK, 'desk.devices')).toEqual(counted(3));
    expect(d.call(MANAGER, 'site.devices')).toEqual(counted(3));
    // Desk 2's scanner read nothing it could not understand.
    expect(d.call(MANAGER, 'site.devices')).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: identityOf('scanner-2'), noise: 0 })]),
    );

    // Unplugged, it still shows what it sent; plugged in again, it starts from zero.
    expect(bus.unplug('scanner-1')).toBeNull();
    expect(lastPushed(MANAGER, 'site.devices')).toEqual(counted(3, 'unplugged'));
    expect(bus.plug('scanner-1')).toBeNull();
    await hub.refresh();
    expect(lastPushed(MANAGER, 'site.devices')).toEqual(counted(0));
    expect(d.call(MANAGER, 'site.devices')).toEqual(counted(0));
  });
});
