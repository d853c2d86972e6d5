// The HID-POS decoder against the shared vectors, the three layouts, multi-report codes and the reports that must
// be noise.
import { describe, expect, it } from 'vitest';
import type { DecodeResult } from '../../../src-main/core/devices/events';
import { createHidPosDecoder, type HidPosLayout } from '../../../src-main/core/devices/scanner/hidPos';
import { hex, loadVectors } from '../../fixtures/vectors';

const v = loadVectors();
const QR_60_TEXT = 'M1TEST/SAMPLE        ABCDEF PEKSHAMU 5101 052Y003D0023 100XY';

function feed(layout: HidPosLayout, reports: readonly (string | Uint8Array)[]): DecodeResult[] {
  const decoder = createHidPosDecoder(layout);
  return reports.flatMap((report) => decoder.push(typeof report === 'string' ? hex(report) : report));
}

/** A code as Honeywell reports: 56 data bytes each, the AIM id in every one, bit 0 of byte 63 while more follow. */
function honeywellReports(data: Uint8Array, aim = ']Q1'): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (let at = 0; at < data.length; at += 56) {
    const report = new Uint8Array(64);
    const part = data.subarray(at, at + 56);
    report[0] = 0x02;
    report[1] = part.length;
    report.set(new TextEncoder().encode(aim), 2);
    report.set(part, 5);
    report[61] = 0x73;
    report[63] = at + 56 < data.length ? 0x01 : 0x00;
    reports.push(report);
  }
  return reports;
}

/** The same report with one byte changed. */
const withByte = (report: Uint8Array, at: number, value: number) => Object.assign(report.slice(), { [at]: value });

describe('HID-POS vectors', () => {
  it('decodes the Honeywell EAN-13 report with its AIM identifier', () => {
    expect(feed('honeywell', v.pos_honeywell_ean13)).toEqual([{ kind: 'scan', symbology: ']E0', text: '6901234567892' }]);
  });

  it('decodes the Honeywell UTF-8 QR report with a Chinese name', () => {
    expect(feed('honeywell', v.pos_honeywell_qr_utf8)).toEqual([
      { kind: 'scan', symbology: ']Q1', text: '测试|110101199003071233|13800000000' },
    ]);
  });

  it('joins the 60-byte QR code split over two reports, and gives nothing for the first alone', () => {
    const decoder = createHidPosDecoder('honeywell');
    expect(decoder.push(hex(v.pos_honeywell_qr_60[0]))).toEqual([]);
    expect(decoder.push(hex(v.pos_honeywell_qr_60[1]))).toEqual([{ kind: 'scan', symbology: ']Q1', text: QR_60_TEXT }]);
  });

  it('decodes the Newland Code 128 report, which has no AIM field', () => {
    // Newland's symbology byte (02 here) has no documented name, so the symbology stays unknown.
    expect(feed('newland', v.pos_newland_code128)).toEqual([{ kind: 'scan', symbology: null, text: 'ABC1234567' }]);
  });

  it('keeps decoding reports one after another', () => {
    expect(feed('honeywell', [...v.pos_honeywell_ean13, ...v.pos_honeywell_qr_60, ...v.pos_honeywell_ean13])).toEqual([
      { kind: 'scan', symbology: ']E0', text: '6901234567892' },
      { kind: 'scan', symbology: ']Q1', text: QR_60_TEXT },
      { kind: 'scan', symbology: ']E0', text: '6901234567892' },
    ]);
  });
});

describe('HID-POS layouts', () => {
  it('finds the AIM identifier one byte later on devices that put an extra byte after the length', () => {
    const normal = hex(v.pos_honeywell_ean13[0]);
    const shifted = new Uint8Array(64);
    shifted.set(normal.subarray(0, 2));
    shifted[2] = 0x7e; // the extra byte, whatever it holds
    shifted.set(normal.subarray(2, 5 + 13), 3);
    shifted[61] = normal[61];
    expect(feed('honeywell', [shifted])).toEqual([{ kind: 'scan', symbology: ']E0', text: '6901234567892' }]);
    // With the extra byte, 55 data bytes fit before the code id.
    expect(feed('honeywell', [withByte(shifted, 1, 56)])).toMatchObject([{ kind: 'noise', reason: 'length' }]);
  });

  it('decodes Microscan reports: report id 1, the length, 62 data bytes', () => {
    const text = 'MS'.padEnd(62, '7');
    const report = new Uint8Array(64);
    report[0] = 0x01;
    report[1] = 62;
    report.set(new TextEncoder().encode(text), 2);
    expect(feed('microscan', [report])).toEqual([{ kind: 'scan', symbology: null, text }]);
    expect(feed('microscan', [withByte(report, 1, 63)])).toMatchObject([{ kind: 'noise', reason: 'length' }]);
    expect(feed('microscan', [withByte(report, 0, 0x02)])).toMatchObject([{ kind: 'noise', reason: 'report id' }]);
  });

  it('joins three reports, a UTF-8 character split across a report boundary included', () => {
    const text = `张三|110101199003071233|${'北京市东城区'.repeat(6)}|END`;
    const reports = honeywellReports(new TextEncoder().encode(text));
    expect(reports).toHaveLength(3);
    expect(feed('honeywell', reports)).toEqual([{ kind: 'scan', symbology: ']Q1', text }]);
  });

  it('falls back to GBK and strips the UTF-8 ECI marker', () => {
    expect(feed('honeywell', honeywellReports(Uint8Array.of(0xd5, 0xc5, 0xc8, 0xfd, 0x7c, 0x31)))).toEqual([
      { kind: 'scan', symbology: ']Q1', text: '张三|1' },
    ]);
    expect(feed('honeywell', honeywellReports(new TextEncoder().encode('\\000026测试')))).toEqual([
      { kind: 'scan', symbology: ']Q1', text: '测试' },
    ]);
  });
});

describe('HID-POS noise', () => {
  const ean = hex(v.pos_honeywell_ean13[0]);
  const newland = hex(v.pos_newland_code128[0]);

  it.each([
    ['a short report', ean.subarray(0, 63), 'report size'],
    ['a long report', Uint8Array.of(...ean, 0), 'report size'],
    ['a wrong report id', withByte(ean, 0, 0x03), 'report id'],
    ['a zero length', withByte(ean, 1, 0), 'length'],
    ['a length over 56', withByte(ean, 1, 57), 'length'],
    ['a length running into the data', withByte(ean, 1, 12), 'padding'],
    ['non-zero padding after the data', withByte(ean, 40, 0x41), 'padding'],
    ['no AIM identifier', withByte(ean, 2, 0x41), 'AIM id'],
    ['an AIM identifier with a control character', withByte(ean, 3, 0x01), 'AIM id'],
    ['an AIM identifier with a NUL', withByte(ean, 4, 0x00), 'AIM id'],
  ])('calls %s noise', (_, report, reason) => {
    expect(feed('honeywell', [report])).toEqual([{ kind: 'noise', reason }]);
  });

  it('checks the Newland layout: length up to 56, padding up to byte 57', () => {
    expect(feed('newland', [withByte(newland, 1, 57)])).toEqual([{ kind: 'noise', reason: 'length' }]);
    expect(feed('newland', [withByte(newland, 57, 0x20)])).toEqual([{ kind: 'noise', reason: 'padding' }]);
    // Bytes 58..61 are reserved, not padding.
    expect(feed('newland', [withByte(newland, 60, 0x20)])).toEqual([{ kind: 'scan', symbology: null, text: 'ABC1234567' }]);
  });

  it('calls data that is no scan text noise', () => {
    expect(feed('honeywell', honeywellReports(Uint8Array.of(0x41, 0x07, 0x42)))).toEqual([{ kind: 'noise', reason: 'not scan text' }]);
    expect(feed('honeywell', honeywellReports(Uint8Array.of(0xff, 0xfe, 0x81)))).toEqual([{ kind: 'noise', reason: 'not scan text' }]);
  });

  it('drops a code broken midway and skips its remaining reports, so no shorter code passes for a scan', () => {
    const reports = honeywellReports(new TextEncoder().encode('X'.repeat(150)));
    expect(reports).toHaveLength(3);
    expect(feed('honeywell', [reports[0], withByte(reports[1], 1, 57), reports[2], ...v.pos_honeywell_ean13])).toEqual([
      { kind: 'noise', reason: 'length' },
      { kind: 'scan', symbology: ']E0', text: '6901234567892' },
    ]);
  });

  it('drops a code whose symbology changes between its reports', () => {
    const [first] = honeywellReports(new TextEncoder().encode('Y'.repeat(60)), ']d2');
    expect(feed('honeywell', [first, ...v.pos_honeywell_qr_60.slice(1), ...v.pos_honeywell_ean13])).toEqual([
      { kind: 'noise', reason: 'symbology changed midway' },
      { kind: 'scan', symbology: ']E0', text: '6901234567892' },
    ]);
  });

  it('refuses a code over 4 KB once, skips the rest of it, and decodes the next code', () => {
    const endless = hex(v.pos_honeywell_qr_60[0]);
    const reports = [...Array<Uint8Array>(80).fill(endless), hex(v.pos_honeywell_qr_60[1]), ...v.pos_honeywell_ean13];
    expect(feed('honeywell', reports)).toEqual([
      { kind: 'noise', reason: 'too long' },
      { kind: 'scan', symbology: ']E0', text: '6901234567892' },
    ]);
  });

  it('drops a code cut short by an unplug', () => {
    const decoder = createHidPosDecoder('honeywell');
    expect(decoder.push(hex(v.pos_honeywell_qr_60[0]))).toEqual([]);
    decoder.reset();
    expect(decoder.push(hex(v.pos_honeywell_ean13[0]))).toEqual([{ kind: 'scan', symbology: ']E0', text: '6901234567892' }]);
  });

  it('does not skip the next code after a stray report between codes', () => {
    expect(feed('honeywell', [withByte(ean, 0, 0x05), ...v.pos_honeywell_qr_utf8])).toEqual([
      { kind: 'noise', reason: 'report id' },
      { kind: 'scan', symbology: ']Q1', text: '测试|110101199003071233|13800000000' },
    ]);
  });
});
