// The simulated devices of a station started with --simulate, driven over its /sim endpoints as the tests and
// the demo do: a report posted is a report the device sent.
import { expect } from '@playwright/test';
import { hidPosReports, residentCardText, toHex, type CardFields } from '../../src-main/core/devices/simulated/encode';
import type { RunningStation } from './station';

export function simulatedDevices(station: RunningStation) {
  async function post(path: string, body = ''): Promise<void> {
    const base = new URL(station.simulationUrl!);
    const response = await fetch(`${base.origin}/sim/devices/${path}${base.search}`, { method: 'POST', body });
    expect(response.status, await response.clone().text()).toBe(200);
  }
  return {
    post,
    /** A code scanned by a HID-POS scanner (scanner-1, scanner-2…). */
    scanWith: (scanner: string, text: string) => post(`${scanner}/reports`, hidPosReports(text).map(toHex).join('\n')),
    /** An ID card laid on a reader (reader-1…). */
    cardOn: (reader: string, card: CardFields) => post(`${reader}/reports`, toHex(residentCardText(card))),
  };
}
