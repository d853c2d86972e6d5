// The three scanner decoders under a fixed-seed fuzz: random reports and bytes never become a scan, and mutated
// captures (bits flipped, reports cut short, repeated, reordered, dropped) never throw and only ever give
// well-formed results.
import { describe, expect, it } from 'vitest';
import type { DecodeResult } from '../../../src-main/core/devices/events';
import { createBootKeyboardDecoder } from '../../../src-main/core/devices/scanner/bootKeyboard';
import { decodeScanBytes } from '../../../src-main/core/devices/scanner/decodeText';
import { createHidPosDecoder, type HidPosDecoder, type HidPosLayout } from '../../../src-main/core/devices/scanner/hidPos';
import { createSerialFramer } from '../../../src-main/core/devices/scanner/serialFraming';
import { hex, loadVectors } from '../../fixtures/vectors';

const REPORTS = 100_000;
const v = loadVectors();

/** mulberry32: a tiny seeded generator, so every run fuzzes with the same inputs. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  const bytes = (length: number) => Uint8Array.from({ length }, () => int(256));
  return { int, bytes, pick: <T>(items: readonly T[]): T => items[int(items.length)] };
}
type Random = ReturnType<typeof seededRandom>;

// eslint-disable-next-line no-control-regex
const NOT_IN_A_SCAN = /[\u0000-\u001f\u007f-\u009f\ufffd]/u;

/** Exactly the fields of a DecodeResult, a scan's text non-empty, within 4 KB and free of control characters. */
function isWellFormed(result: DecodeResult): boolean {
  const keys = Object.keys(result).sort().join();
  if (result.kind === 'noise') return keys === 'kind,reason' && typeof result.reason === 'string' && result.reason !== '';
  return (
    result.kind === 'scan' &&
    keys === 'kind,symbology,text' &&
    (result.symbology === null || typeof result.symbology === 'string') &&
    typeof result.text === 'string' &&
    result.text.length > 0 &&
    result.text.length <= 4096 &&
    !NOT_IN_A_SCAN.test(result.text)
  );
}

/** One to three of: bits flipped, a report cut short, repeated, swapped with another, dropped, or the capture cut. */
function mutate(random: Random, capture: readonly Uint8Array[]): Uint8Array[] {
  const reports = capture.map((report) => report.slice());
  for (let mutations = 1 + random.int(3); mutations > 0 && reports.length > 0; mutations--) {
    const at = random.int(reports.length);
    switch (random.int(6)) {
      case 0:
        for (let flips = 1 + random.int(3); flips > 0 && reports[at].length > 0; flips--) {
          reports[at][random.int(reports[at].length)] ^= 1 << random.int(8);
        }
        break;
      case 1:
        reports[at] = reports[at].slice(0, random.int(reports[at].length));
        break;
      case 2:
        reports.splice(at, 0, reports[at].slice());
        break;
      case 3: {
        const other = random.int(reports.length);
        [reports[at], reports[other]] = [reports[other], reports[at]];
        break;
      }
      case 4:
        reports.splice(at, 1);
        break;
      default:
        reports.length = at;
    }
  }
  return reports;
}

/** Counts what a run gave, and keeps the results that are not well-formed. */
function tally() {
  const counts = { scans: 0, noise: 0, malformed: [] as DecodeResult[] };
  const add = (results: DecodeResult[]) => {
    for (const result of results) {
      if (!isWellFormed(result)) counts.malformed.push(result);
      else if (result.kind === 'scan') counts.scans++;
      else counts.noise++;
    }
  };
  return { counts, add };
}

describe('HID-POS fuzz', () => {
  const layouts: HidPosLayout[] = ['honeywell', 'newland', 'microscan'];

  it('makes no scan of 100,000 random reports in any layout', () => {
    const random = seededRandom(0x5ca9);
    const decoders = layouts.map((layout) => createHidPosDecoder(layout));
    const { counts, add } = tally();
    for (let i = 0; i < REPORTS; i++) {
      const report = random.bytes(random.int(16) === 0 ? random.int(80) : 64);
      // Mostly a plausible report id, so the fuzz gets past the first check.
      if (report.length > 0 && random.int(4) !== 0) report[0] = random.pick([0x01, 0x02]);
      for (const decoder of decoders) add(decoder.push(report));
    }
    expect(counts.malformed).toEqual([]);
    expect(counts.scans).toBe(0);
  });

  it('gives only well-formed results for 100,000 reports of mutated captures', () => {
    const random = seededRandom(0x1d05);
    const microscan = new Uint8Array(64);
    microscan.set([0x01, 10, ...new TextEncoder().encode('MS-2026-01')]);
    const captures: [HidPosLayout, Uint8Array[]][] = [
      ['honeywell', v.pos_honeywell_ean13.map(hex)],
      ['honeywell', v.pos_honeywell_qr_utf8.map(hex)],
      ['honeywell', v.pos_honeywell_qr_60.map(hex)],
      ['newland', v.pos_newland_code128.map(hex)],
      ['microscan', [microscan]],
    ];
    const decoders: Record<HidPosLayout, HidPosDecoder> = {
      honeywell: createHidPosDecoder('honeywell'),
      newland: createHidPosDecoder('newland'),
      microscan: createHidPosDecoder('microscan'),
    };
    const symbologies = new Set<string | null>();
    const { counts, add } = tally();
    for (let pushed = 0; pushed < REPORTS; ) {
      const [layout, capture] = random.pick(captures);
      for (const report of mutate(random, capture)) {
        const results = decoders[layout].push(report);
        add(results);
        for (const result of results) if (result.kind === 'scan') symbologies.add(result.symbology);
        pushed++;
      }
      if (random.int(8) === 0) decoders[layout].reset();
    }
    expect(counts.malformed).toEqual([]);
    expect([...symbologies].filter((symbology) => symbology !== null && !/^\][A-Za-z][0-9A-Za-z]$/.test(symbology))).toEqual([]);
    expect(counts.scans).toBeGreaterThan(0);
    expect(counts.noise).toBeGreaterThan(0);
  });
});

describe('boot keyboard fuzz', () => {
  it('makes no scan of 100,000 random reports', () => {
    const random = seededRandom(0xb007);
    const decoders = [createBootKeyboardDecoder({ altCodes: 'unicode' }), createBootKeyboardDecoder({ altCodes: 'gbk' })];
    const { counts, add } = tally();
    for (let i = 0; i < REPORTS; i++) {
      const report = random.bytes(random.int(16) === 0 ? random.int(12) : 8);
      for (const decoder of decoders) add(decoder.push(report));
    }
    expect(counts.malformed).toEqual([]);
    expect(counts.scans).toBe(0);
  });

  it('gives only well-formed results for 100,000 reports of mutated captures', () => {
    const random = seededRandom(0xa17);
    const key = (modifiers: number, ...keys: number[]) => Uint8Array.of(modifiers, 0, ...keys, ...Array<number>(6 - keys.length).fill(0));
    // 是 as GBK 51911 and 记 as Unicode 35760, a digit per report, with key releases and Alt released after.
    const altTyped = (digits: number[]) => [...digits.flatMap((d) => [key(0x04, d), key(0x04)]), key(0)];
    const captures = [
      v.keyboard_Ab1_dash_Enter.map(hex),
      v.keyboard_altNumpad_SIP41.map(hex),
      [...altTyped([0x5d, 0x59, 0x60, 0x59, 0x59]), ...altTyped([0x5b, 0x5d, 0x5f, 0x5e, 0x62]), key(0, 0x28)],
      [key(0x02, 0x16, 0x07), key(0, 0x2d, 0x1f, 0x27, 0x1f, 0x24), key(0, 0x59, 0x62, 0x58)],
    ];
    const decoders = [createBootKeyboardDecoder({ altCodes: 'unicode' }), createBootKeyboardDecoder({ altCodes: 'gbk' })];
    const { counts, add } = tally();
    for (let pushed = 0; pushed < REPORTS; ) {
      const decoder = random.pick(decoders);
      for (const report of mutate(random, random.pick(captures))) {
        add(decoder.push(report));
        pushed++;
      }
      if (random.int(8) === 0) decoder.reset();
    }
    expect(counts.malformed).toEqual([]);
    expect(counts.scans).toBeGreaterThan(0);
    expect(counts.noise).toBeGreaterThan(0);
  });
});

describe('serial fuzz', () => {
  const TIMEOUT_MS = 300;
  const SUFFIX_BYTES = { CR: [0x0d], LF: [0x0a], CRLF: [0x0d, 0x0a] } as const;

  /** The scans a stream holds: the pieces between suffixes that are acceptable text of 4 characters or more. */
  function cleanFrames(stream: Uint8Array, suffix: readonly number[]): string[] {
    const frames: string[] = [];
    let start = 0;
    for (let at = 0; at + suffix.length <= stream.length; at++) {
      if (!suffix.every((byte, i) => stream[at + i] === byte)) continue;
      const text = at - start <= 4096 ? decodeScanBytes(stream.subarray(start, at)) : null;
      if (text !== null && [...text].length >= 4) frames.push(text);
      start = at + suffix.length;
      at = start - 1;
    }
    return frames;
  }

  // Random bytes do hold, now and then, a run of printable bytes between two suffixes ("q7#Z" + CR): that is a
  // frame a scanner could have sent, and nothing on a serial line tells it apart. What must never happen is a scan
  // of anything else, whatever the pieces the bytes come in.
  it.each(['CR', 'LF', 'CRLF'] as const)('makes no scan of 100,000 random pieces but their clean frames, suffix %s', (suffix) => {
    const random = seededRandom(0x5e71a1);
    const framer = createSerialFramer({ suffix, timeoutMs: TIMEOUT_MS });
    const pieces: Uint8Array[] = [];
    const scans: string[] = [];
    const { counts, add } = tally();
    let now = 0;
    for (let i = 0; i < REPORTS; i++) {
      const piece = random.bytes(1 + random.int(64));
      pieces.push(piece);
      now += random.int(TIMEOUT_MS / 4); // never quiet long enough to flush: frames end at suffixes only
      const results = [...framer.push(piece, now), ...framer.poll(now)];
      add(results);
      for (const result of results) if (result.kind === 'scan') scans.push(result.text);
    }
    expect(counts.malformed).toEqual([]);
    expect(counts.noise).toBeGreaterThan(0);
    expect(scans).toEqual(cleanFrames(Buffer.concat(pieces), SUFFIX_BYTES[suffix]));
  });

  it('gives only well-formed results for 100,000 pieces of mutated scans', () => {
    const random = seededRandom(0xc0de);
    const texts = ['6901234567892', '测试|110101199003071233|13800000000', 'ABC1234567', 'M1TEST/SAMPLE        ABCDEF 100XY'];
    const framers = (['CR', 'LF', 'CRLF'] as const).map((suffix) => ({
      suffix: Uint8Array.from(SUFFIX_BYTES[suffix]),
      framer: createSerialFramer({ suffix, timeoutMs: TIMEOUT_MS }),
    }));
    const { counts, add } = tally();
    let now = 0;
    for (let pushed = 0; pushed < REPORTS; ) {
      const { suffix, framer } = random.pick(framers);
      const stream = Uint8Array.from(
        Array.from({ length: 1 + random.int(3) }, () => [...new TextEncoder().encode(random.pick(texts)), ...suffix]).flat(),
      );
      const pieces: Uint8Array[] = [];
      for (let at = 0; at < stream.length; ) {
        const size = 1 + random.int(24);
        pieces.push(stream.slice(at, at + size));
        at += size;
      }
      for (const piece of mutate(random, pieces)) {
        now += random.int(16) === 0 ? TIMEOUT_MS + random.int(TIMEOUT_MS) : random.int(20);
        add([...framer.push(piece, now), ...framer.poll(now)]);
        pushed++;
      }
      if (random.int(8) === 0) framer.reset();
    }
    expect(counts.malformed).toEqual([]);
    expect(counts.scans).toBeGreaterThan(0);
    expect(counts.noise).toBeGreaterThan(0);
  });
});
