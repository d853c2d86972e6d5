// The /sim endpoints of a station launched with --simulate: behind the launch's key and the station's own host,
// absent without --simulate, every bad request refused with a clear message, and reports delivered to the
// real drivers until a registration is on the desk.
import fs from 'node:fs';
import http from 'node:http';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { launchDevices, type LaunchedDevices } from '../../src-main/core/devices/launch';
import { hidPosReports, toHex } from '../../src-main/core/devices/simulated/encode';
import { stationWindows } from '../../src-main/core/stationWindows';
import { startStation, type Station } from '../../src-main/station/server';
import { CLERK, driver } from '../fixtures/driver';
import { tempCore, tempDir } from '../fixtures/tempCore';
import type { Core } from '../../src-main/core/core';

let core: Core;
let dataDir: string;
let dispose: () => void;
let rendererDir: string;
let devices: LaunchedDevices;
let station: Station;

beforeEach(async () => {
  ({ core, dataDir, dispose } = tempCore());
  rendererDir = tempDir('swabdesk-renderer-');
  const windows = stationWindows(2);
  devices = await launchDevices(core, windows, true);
  station = await startStation({ core, rendererDir, windows, simulation: devices.simulation });
});
afterEach(async () => {
  await station.close();
  await devices.stop();
  dispose();
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

/** A raw request, so that the Host header can be set as a rebinding page would. */
function request(method: string, url: string, body = '', host?: string): Promise<{ status: number; json: Record<string, unknown> | unknown[] }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const req = http.request(
      { method, host: target.hostname, port: target.port, path: target.pathname + target.search, headers: host ? { Host: host } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          const json = res.headers['content-type']?.startsWith('application/json') ? JSON.parse(text) : null;
          resolve({ status: res.statusCode ?? 0, json });
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const sim = (suffix: string) => {
  const base = new URL(station.simulationUrl!);
  return `http://${base.host}/sim/devices${suffix}${base.search}`;
};

describe('the /sim endpoints', () => {
  it('list the simulated devices with their kind, protocol and desk', async () => {
    const { status, json } = await request('GET', station.simulationUrl!);
    expect(status).toBe(200);
    expect(json).toContainEqual(expect.objectContaining({ id: 'scanner-1', kind: 'scanner', protocol: 'hid-pos', desk: '1', plugged: true }));
    expect(json).toContainEqual(expect.objectContaining({ id: 'reader-2', kind: 'card-reader', protocol: 'sam-reader', desk: '2' }));
  });

  it('refuse a missing or wrong key, and another host name', async () => {
    const base = new URL(station.simulationUrl!);
    expect((await request('GET', `http://${base.host}/sim/devices`)).status).toBe(403);
    expect((await request('GET', `http://${base.host}/sim/devices?key=${'A'.repeat(32)}`)).status).toBe(403);
    expect((await request('GET', station.simulationUrl!, '', `evil.example:${base.port}`)).status).toBe(403);
  });

  it('refuse bad hex, an unknown device, a wrong method and a card line of the wrong size, changing nothing', async () => {
    const d = driver(core, dataDir);
    const before = d.tables();
    expect(await request('POST', sim('/scanner-1/reports'), 'not hex')).toMatchObject({ status: 400, json: { error: expect.stringMatching(/hex/) } });
    expect(await request('POST', sim('/scanner-1/reports'), 'ABC')).toMatchObject({ status: 400 });
    expect(await request('POST', sim('/nobody/reports'), '00')).toMatchObject({ status: 404 });
    expect(await request('GET', sim('/scanner-1/unplug'))).toMatchObject({ status: 405 });
    expect(await request('POST', sim('/reader-1/reports'), '0011')).toMatchObject({ status: 400, json: { error: expect.stringMatching(/256 bytes/) } });
    expect(d.tables()).toEqual(before);
  });

  it('deliver reports to the real driver: the tube opens at desk 1; unplugged, the device takes nothing', async () => {
    const d = driver(core, dataDir);
    await vi.waitFor(() => expect(devices.simulation!.list().find((x) => x.id === 'scanner-1')?.open).toBe(true), { timeout: 15_000 });
    const body = hidPosReports('2026112300001', ']C0').map(toHex).join('\n');
    expect(await request('POST', sim('/scanner-1/reports'), body)).toMatchObject({ status: 200 });
    await vi.waitFor(() => expect(d.call(CLERK, 'clerk.deskState')).toMatchObject({ tube: { barcode: '2026112300001' } }), { timeout: 15_000 });

    expect(await request('POST', sim('/scanner-1/unplug'))).toMatchObject({ status: 200 });
    expect(await request('POST', sim('/scanner-1/reports'), body)).toMatchObject({ status: 409, json: { error: expect.stringMatching(/unplugged/) } });
    expect(await request('POST', sim('/scanner-1/plug'))).toMatchObject({ status: 200 });
  });
});

describe('without --simulate', () => {
  it('there is no /sim at all', async () => {
    const plain = await startStation({ core, rendererDir, windows: stationWindows(1) });
    try {
      expect(plain.simulationUrl).toBeNull();
      const { status } = await request('GET', `http://127.0.0.1:${plain.port}/sim/devices`);
      expect(status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});

