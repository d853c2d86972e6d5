// The device hub over the simulated bus: every byte from the port boundary up is production code. Scans and
// card reads land at their own desk only, an unplug mid-frame stores nothing, a device comes back by itself,
// unknown devices are listed for the manager to assign, a reading that cannot be saved is told to its desk, and a
// device is called by the manager's name for it, else by its model and port.
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DATABASE_FILE, type Core } from '../../src-main/core/core';
import type { Identity, PushedEvent } from '../../src-main/core/contract';
import { connectDevices } from '../../src-main/core/devices/connect';
import type { DeviceHub } from '../../src-main/core/devices/hub';
import { deviceIdentity, type PortProvider } from '../../src-main/core/devices/ports/port';
import { SIMULATED_PROFILES, simulatedAssignments, simulatedDevices } from '../../src-main/core/devices/simulated/catalogue';
import { hidPosReports, residentCardText, serialScan } from '../../src-main/core/devices/simulated/encode';
import { createSimulatedBus, type SimulatedBus } from '../../src-main/core/devices/simulated/simulatedBus';
import { deviceNameSchema } from '../../src-main/core/domain/devices';
import { SIMULATED_PHOTO } from '../../src-main/core/devices/simulated/cardReaderSim';
import { CLERK, driver, MANAGER, OTHER_CLERK } from '../fixtures/driver';
import { personCode } from '../fixtures/people';
import { SAMPLE_CARD } from '../fixtures/cards';
import { tempCore } from '../fixtures/tempCore';

let core: Core;
let dataDir: string;
let dispose: () => void;
let d: ReturnType<typeof driver>;
let bus: SimulatedBus;
let hub: DeviceHub;
let pushed: { who: Identity; event: PushedEvent }[];

const catalogue = simulatedDevices(['1', '2']);
const TUBE = '2026112300001';
const CARD = SAMPLE_CARD;

/** Commands the drivers wrote to each simulated device, by its path: how often a card reader was asked. */
let written: Map<string, number>;
const commandsTo = (id: string) => written.get(catalogue.find((device) => device.id === id)!.info.path) ?? 0;

/** The bus's providers, each port counting the commands written to it. */
function counted(providers: readonly PortProvider[]): PortProvider[] {
  return providers.map((provider) => ({
    transport: provider.transport,
    list: () => provider.list(),
    async open(info, options) {
      const port = await provider.open(info, options);
      return {
        ...port,
        write(bytes: Uint8Array) {
          written.set(info.path, (written.get(info.path) ?? 0) + 1);
          return port.write(bytes);
        },
      };
    },
  }));
}

async function startHub(extra: PortProvider[] = []): Promise<void> {
  written = new Map();
  hub = connectDevices(core, {
    providers: [...counted(bus.providers), ...extra],
    defaultDesk: null,
    launchProfiles: SIMULATED_PROFILES,
    launchAssignments: simulatedAssignments(catalogue),
    pollMs: 40,
  });
  await hub.start();
}

beforeEach(async () => {
  ({ core, dataDir, dispose } = tempCore(() => new Date(2026, 10, 23, 9, 30)));
  d = driver(core, dataDir);
  pushed = [];
  for (const who of [CLERK, OTHER_CLERK, MANAGER]) core.subscribe(who, (event) => pushed.push({ who, event }));
  bus = createSimulatedBus(catalogue);
  await startHub();
});
afterEach(async () => {
  await hub.stop();
  dispose();
});

/** Waits (polling) until `check` passes: devices answer on their own time, later on a busy machine. */
async function eventually(check: () => void, ms = 15_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

const readingsFor = (who: Identity) =>
  pushed.flatMap(({ who: to, event }) => (to === who && event.event === 'desk.reading' ? [event.payload] : []));
const desk = (who = CLERK) => d.call(who, 'clerk.deskState') as { tube: { barcode: string; people: { name: string }[] } | null };

async function scanAt(scanner: string, text: string, aim = ']Q1'): Promise<void> {
  expect(await bus.deliver(scanner, hidPosReports(text, aim))).toBeNull();
}

describe('scans and cards at their own desk', () => {
  it('opens a tube from the HID-POS scanner and adds a person from a QR code and one from an ID card', async () => {
    await scanAt('scanner-1', TUBE, ']C0');
    await eventually(() => expect(desk().tube?.barcode).toBe(TUBE));
    await scanAt('scanner-1', personCode(0));
    await eventually(() => expect(desk().tube?.people).toHaveLength(1));
    expect(await bus.deliver('reader-1', [residentCardText(CARD)])).toBeNull();
    await eventually(() => expect(desk().tube?.people).toHaveLength(2));
    expect(desk().tube?.people[1]).toMatchObject({ name: '王*明' });

    const rows = d.tables().registrations as Record<string, unknown>[];
    expect(rows[1]).toMatchObject({ source: 'card', doc_number: CARD.idNumber, sex: 'male', birth_date: '19900307', phone: '' });
    // The photo never reaches the database, nor the trail, nor the outbox.
    const photoRun = Buffer.from(SIMULATED_PHOTO.subarray(100, 132)).toString('hex');
    const everything = JSON.stringify(d.tables());
    expect(everything).not.toContain(photoRun);
    expect(everything).not.toContain(Buffer.from(SIMULATED_PHOTO.subarray(100, 132)).toString('base64'));

    // Desk 1's window heard all three readings; desk 2's heard none.
    expect(readingsFor(CLERK).map((r) => r.outcome?.result)).toEqual(['tube-opened', 'person-added', 'person-added']);
    expect(readingsFor(OTHER_CLERK)).toEqual([]);
  });

  it('feeds desk 2 from its own scanner only', async () => {
    await scanAt('scanner-2', TUBE);
    await eventually(() => expect(desk(OTHER_CLERK).tube?.barcode).toBe(TUBE));
    expect(desk().tube).toBeNull();
    expect(readingsFor(CLERK)).toEqual([]);
  });

  it('takes a serial scanner’s scan, framed by its suffix', async () => {
    expect(await bus.deliver('serial-scanner-1', [serialScan(TUBE)])).toBeNull();
    await eventually(() => expect(desk().tube?.barcode).toBe(TUBE));
  });

  it('reads one card after another on the same reader', async () => {
    await scanAt('scanner-1', TUBE);
    await eventually(() => expect(desk().tube).not.toBeNull());
    expect(await bus.deliver('reader-1', [residentCardText(CARD)])).toBeNull();
    await eventually(() => expect(desk().tube?.people).toHaveLength(1));
    expect(await bus.deliver('reader-1', [residentCardText({ ...CARD, name: '李四', idNumber: '11010519491231002X' })])).toBeNull();
    await eventually(() => expect(desk().tube?.people).toHaveLength(2));
  });

  it('warns of an expired card and registers it; reads a card once however long it lies there', async () => {
    await scanAt('scanner-1', TUBE);
    await eventually(() => expect(desk().tube).not.toBeNull());
    expect(await bus.deliver('reader-1', [residentCardText({ ...CARD, validTo: '20251231' })])).toBeNull();
    await eventually(() => expect(readingsFor(CLERK).at(-1)?.outcome).toMatchObject({ result: 'person-added', warning: 'card-expired' }));
    // The card still lies there while the driver asks the reader again (find, select): six more commands, still one read.
    const asked = commandsTo('reader-1');
    await eventually(() => expect(commandsTo('reader-1')).toBeGreaterThanOrEqual(asked + 6), 20_000);
    expect(desk().tube?.people).toHaveLength(1);
    expect(readingsFor(CLERK).filter((reading) => reading.outcome?.result === 'person-added')).toHaveLength(1);
  });

  it('asks the clerk to confirm a person sampled today, and registers on F2', async () => {
    await scanAt('scanner-1', TUBE);
    await scanAt('scanner-1', personCode(3));
    await eventually(() => expect(desk().tube?.people).toHaveLength(1));
    d.seal();
    await scanAt('scanner-1', '2026112300002');
    await scanAt('scanner-1', personCode(3));
    await eventually(() => expect(readingsFor(CLERK).at(-1)?.outcome).toMatchObject({ result: 'confirm' }));
    expect(desk().tube?.people).toHaveLength(0);
    expect(d.call(CLERK, 'clerk.confirmReading')).toMatchObject({ result: 'person-added' });
    expect(d.call(CLERK, 'clerk.confirmReading')).toMatchObject({ result: 'refused', problem: 'nothing-to-confirm' });
  });

  it('tells the desk when a reading could not be saved because the disk is full', async () => {
    const pages = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true });
    core.admin.setMaxPages((pages.pragma('page_count', { simple: true }) as number) + 2);
    pages.close();
    // Each new tube replaces the empty one before it: rows pile up until the database is full.
    for (let i = 0; i < 300 && !readingsFor(CLERK).some((r) => r.error); i++) {
      const heard = readingsFor(CLERK).length;
      await scanAt('scanner-1', `20261123${String(i).padStart(5, '0')}`);
      await eventually(() => expect(readingsFor(CLERK).length).toBe(heard + 1));
    }
    expect(readingsFor(CLERK).at(-1)).toMatchObject({ outcome: null, error: { code: 'disk-full' } });
  });
});

describe('unplug and plug', () => {
  it('drops a frame cut by an unplug, shows the device unplugged, and re-opens it when it comes back', async () => {
    await scanAt('scanner-1', TUBE);
    await eventually(() => expect(desk().tube).not.toBeNull());
    const before = d.tables();
    const long = `${personCode(1)}|${'x'.repeat(40)}`;
    const [first] = hidPosReports(long);
    expect(await bus.deliver('scanner-1', [first])).toBeNull();
    expect(bus.unplug('scanner-1')).toBeNull();
    const scanner = deviceIdentity(catalogue.find((device) => device.id === 'scanner-1')!.info);
    await eventually(() => expect(d.call(CLERK, 'clerk.devices')).toContainEqual(expect.objectContaining({ id: scanner, status: 'unplugged' })));
    expect(pushed.some((p) => p.who === CLERK && p.event.event === 'desk.devices')).toBe(true);
    expect(bus.plug('scanner-1')).toBeNull();
    await eventually(() => expect(d.call(CLERK, 'clerk.devices')).toContainEqual(expect.objectContaining({ id: scanner, status: 'ready' })));
    expect(d.tables()).toEqual(before);
    await scanAt('scanner-1', personCode(1));
    await eventually(() => expect(desk().tube?.people).toHaveLength(1));
  });
});

describe('devices the station does not know', () => {
  it('lists them for the manager, and opens one once the manager gives it a profile and a desk', async () => {
    await hub.stop();
    // A vendor-defined collection: nothing says what it speaks.
    const info = { ...catalogue[0].info, vendorId: 0x1234, path: 'sim-hid:stranger', serialNumber: 'X1', usagePage: 0xff00 };
    const stranger = createSimulatedBus([{ ...catalogue[0], id: 'stranger', info }]);
    await startHub([...stranger.providers]);
    const id = 'hid:1234:0001:X1';
    await eventually(() => expect(d.call(MANAGER, 'site.devices')).toContainEqual(expect.objectContaining({ id, status: 'unknown', desk: null })));
    const profile = { ...SIMULATED_PROFILES[0], name: 'Front door scanner', vendorId: 0x1234 };
    d.call(MANAGER, 'site.updateSettings', { deviceProfiles: [profile], deviceAssignments: [{ device: id, desk: '2' }] });
    await eventually(() =>
      expect(d.call(MANAGER, 'site.devices')).toContainEqual(expect.objectContaining({ id, status: 'ready', desk: '2', label: 'Front door scanner · sim-hid:stranger' })),
    );
    expect(await stranger.deliver('stranger', hidPosReports(TUBE))).toBeNull();
    await eventually(() => expect(desk(OTHER_CLERK).tube?.barcode).toBe(TUBE));
  });
});

describe('names', () => {
  const identityOf = (id: string) => deviceIdentity(catalogue.find((device) => device.id === id)!.info);
  const SCANNER = identityOf('scanner-1');
  const deskDevice = () => d.call(CLERK, 'clerk.devices').find((device) => device.id === SCANNER);

  it('calls a device by its model and port until the manager names it; the desk and its readings then use the name', async () => {
    const model = 'HID-POS scanner (simulated)';
    await eventually(() => expect(deskDevice()).toMatchObject({ label: `${model} · /dev/simhid0`, defaultLabel: `${model} · /dev/simhid0` }));
    // Desk 2's scanner is the same model on another port.
    expect(d.call(MANAGER, 'site.devices').find((device) => device.id === identityOf('scanner-2'))?.label).toBe(`${model} · /dev/simhid2`);

    d.call(MANAGER, 'site.updateSettings', { deviceNames: [{ device: SCANNER, name: '  左边扫码枪 ' }] });
    expect(d.call(MANAGER, 'site.settings').deviceNames).toEqual([{ device: SCANNER, name: '左边扫码枪' }]);
    await eventually(() => expect(deskDevice()).toMatchObject({ label: '左边扫码枪', defaultLabel: `${model} · /dev/simhid0` }));
    await scanAt('scanner-1', TUBE);
    await eventually(() => expect(readingsFor(CLERK).at(-1)).toMatchObject({ device: '左边扫码枪', outcome: { result: 'tube-opened' } }));

    d.call(MANAGER, 'site.updateSettings', { deviceNames: [] });
    await eventually(() => expect(deskDevice()?.label).toBe(`${model} · /dev/simhid0`));

    // Named while unplugged: the desk, looking for it, sees the name at once.
    expect(bus.unplug('scanner-1')).toBeNull();
    await eventually(() => expect(deskDevice()?.status).toBe('unplugged'));
    d.call(MANAGER, 'site.updateSettings', { deviceNames: [{ device: SCANNER, name: '右边扫码枪' }] });
    await eventually(() => expect(deskDevice()).toMatchObject({ label: '右边扫码枪', status: 'unplugged' }));
  });

  it('refuses a name too long or with a hidden character, and changes nothing', () => {
    const before = d.tables();
    for (const name of ['x'.repeat(41), '左边\u202e扫码枪', '扫码枪\u0007', '\u200b', '   ']) {
      const result = core.call(MANAGER, 'site.updateSettings', { deviceNames: [{ device: SCANNER, name }] });
      expect(result, JSON.stringify(name)).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringMatching(/deviceNames/) } });
    }
    expect(d.tables()).toEqual(before);
    // The manager's window tells these apart by the rule that failed, to say which in words.
    expect(deviceNameSchema.shape.name.safeParse('x'.repeat(41)).error?.issues[0].code).toBe('too_big');
    expect(deviceNameSchema.shape.name.safeParse('左边\u202e').error?.issues[0].code).toBe('custom');
    expect(core.call(MANAGER, 'site.updateSettings', { deviceNames: [{ device: SCANNER, name: ` ${'x'.repeat(40)} ` }] })).toMatchObject({ ok: true });
  });
});
