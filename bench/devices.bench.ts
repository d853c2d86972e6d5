// Device parsing throughput (reports per second for each protocol) beside a plain pass over the same bytes,
// and report-to-event latency through the simulated bus and the real hub and drivers, beside the event loop's
// own turn (setImmediate), which the bus takes once per report.
import { performance } from 'node:perf_hooks';
import { createFrameReader } from '../src-main/core/devices/cardReader/samFrame';
import { decodeCardText } from '../src-main/core/devices/cardReader/textBlock';
import type { DeviceInput } from '../src-main/core/domain/devices';
import { createDeviceHub } from '../src-main/core/devices/hub';
import { createBootKeyboardDecoder } from '../src-main/core/devices/scanner/bootKeyboard';
import { createHidPosDecoder } from '../src-main/core/devices/scanner/hidPos';
import { createSerialFramer } from '../src-main/core/devices/scanner/serialFraming';
import { SIMULATED_PROFILES, simulatedAssignments, simulatedDevices } from '../src-main/core/devices/simulated/catalogue';
import { hidPosReports, residentCardText, serialScan } from '../src-main/core/devices/simulated/encode';
import { createSimulatedBus } from '../src-main/core/devices/simulated/simulatedBus';
import { line, summary } from './stats';

const CODE = '张伟|110101199003071233|13800000000|' + 'x'.repeat(30);

/** Runs `pass` over `reports` repeatedly for about a second; reports per second. */
function rate(reports: Uint8Array[], pass: (report: Uint8Array) => void): number {
  let done = 0;
  const start = performance.now();
  while (performance.now() - start < 1000) {
    for (const report of reports) pass(report);
    done += reports.length;
  }
  return done / ((performance.now() - start) / 1000);
}

const us = (msValue: number) => `${(msValue * 1000).toFixed(0)} µs`;
const perSecond = (n: number) => `${Math.round(n).toLocaleString('en')} /s`;

function throughput(): void {
  const hidPos = hidPosReports(CODE);
  const keyboardReport = Uint8Array.of(0, 0, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09);
  const keyboard = [...Array.from({ length: 20 }, () => keyboardReport), Uint8Array.of(0, 0, 0x28, 0, 0, 0, 0, 0)];
  const serial = [serialScan(CODE)];
  const card = residentCardText({
    name: '王小明', sexCode: '1', ethnicityCode: '01', birthDate: '19900307', address: '北京市东城区景山前街4号',
    idNumber: '110101199003071233', authority: '北京市公安局东城分局', validFrom: '20200101', validTo: '20400101',
  });
  let sink = 0;
  const baseline = rate(hidPos, (report) => {
    for (const byte of report) sink ^= byte;
  });
  line('baseline: a plain loop over each 64-byte HID report', perSecond(baseline));
  const pos = createHidPosDecoder('honeywell');
  line('HID-POS reports decoded (2 reports per 90-byte code)', perSecond(rate(hidPos, (r) => void pos.push(r))));
  const kb = createBootKeyboardDecoder({ altCodes: 'unicode' });
  line('boot-keyboard reports decoded (6 keys each)', perSecond(rate(keyboard, (r) => void kb.push(r))));
  const framer = createSerialFramer({ suffix: 'CR', timeoutMs: 300 });
  line('serial scans framed (95 bytes each)', perSecond(rate(serial, (r) => void framer.push(r, 0))));
  const frames = createFrameReader();
  const frame = Uint8Array.from(Buffer.from('AAAAAA9669000800009F0000000097', 'hex'));
  line('SAM response frames found and checked', perSecond(rate([frame], (r) => void frames.push(r))));
  line('card text blocks decoded (256 bytes)', perSecond(rate([card], (r) => void decodeCardText(r))));
  if (sink === -1) console.log(sink);
}

async function latency(): Promise<void> {
  const turns: number[] = [];
  for (let i = 0; i < 500; i++) {
    const start = performance.now();
    await new Promise((resolve) => setImmediate(resolve));
    turns.push(performance.now() - start);
  }
  const turn = summary(turns);
  line('baseline: one event-loop turn (setImmediate), p50 / p99', `${us(turn.p50)} / ${us(turn.p99)}`);

  const catalogue = simulatedDevices(['1']);
  const bus = createSimulatedBus(catalogue);
  let heard: ((input: DeviceInput) => void) | null = null;
  const hub = createDeviceHub({
    providers: bus.providers,
    config: () => ({
      profiles: SIMULATED_PROFILES,
      assignments: simulatedAssignments(catalogue),
      defaultDesk: null,
      names: [],
    }),
    onInput: (input) => heard?.(input),
    onNotUnderstood: () => undefined,
    onStates: () => undefined,
    pollMs: 1000,
  });
  await hub.start();
  const samples: number[] = [];
  const reports = hidPosReports(CODE);
  for (let i = 0; i < 500; i++) {
    const start = performance.now();
    const got = new Promise<void>((resolve) => (heard = () => resolve()));
    await bus.deliver('scanner-1', reports);
    await got;
    samples.push(performance.now() - start);
  }
  await hub.stop();
  const scan = summary(samples);
  line('HID-POS code (2 reports): port to hub event, p50 / p99', `${us(scan.p50)} / ${us(scan.p99)}`);
}

throughput();
void latency();
