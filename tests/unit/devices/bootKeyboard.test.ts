// The boot-keyboard decoder against the shared captures, the US layout, both shapes of Alt+keypad typing, and the
// reports that must be noise.
import { describe, expect, it } from 'vitest';
import type { DecodeResult } from '../../../src-main/core/devices/events';
import { createBootKeyboardDecoder, type BootKeyboardOptions } from '../../../src-main/core/devices/scanner/bootKeyboard';
import { hex, loadVectors } from '../../fixtures/vectors';

const v = loadVectors();

const LEFT_SHIFT = 0x02;
const RIGHT_SHIFT = 0x20;
const LEFT_ALT = 0x04;
const report = (modifiers: number, ...keys: number[]) => Uint8Array.of(modifiers, 0, ...keys, ...Array<number>(6 - keys.length).fill(0));
const RELEASE = report(0);
const ENTER = report(0, 0x28);
const KEYPAD_ENTER = report(0, 0x58);
const TAB = report(0, 0x2b);
const CAPS_LOCK = 0x39;
const keypad = (digit: string) => (digit === '0' ? 0x62 : 0x58 + Number(digit));

// The US layout as the reference gives it: usage id, character, character with Shift.
const US_LAYOUT: [number, string, string][] = [
  ...[...'abcdefghijklmnopqrstuvwxyz'].map((c, i): [number, string, string] => [0x04 + i, c, c.toUpperCase()]),
  ...[...'1234567890'].map((c, i): [number, string, string] => [0x1e + i, c, '!@#$%^&*()'[i]]),
  [0x2c, ' ', ' '], [0x2d, '-', '_'], [0x2e, '=', '+'], [0x2f, '[', '{'], [0x30, ']', '}'], [0x31, '\\', '|'],
  [0x33, ';', ':'], [0x34, "'", '"'], [0x35, '`', '~'], [0x36, ',', '<'], [0x37, '.', '>'], [0x38, '/', '?'],
];

/** Key press and release reports typing ASCII text, alternating left and right Shift. */
function typed(text: string): Uint8Array[] {
  return [...text].flatMap((character, i) => {
    const row = US_LAYOUT.find(([, plain, shifted]) => plain === character || shifted === character);
    if (!row) throw new Error(`no key types ${character}`);
    const shift = row[1] === character ? 0 : i % 2 ? RIGHT_SHIFT : LEFT_SHIFT;
    return [report(shift, row[0]), RELEASE];
  });
}

/** A real scanner's Alt code: Alt held, one keypad digit per report with key releases between, then Alt released. */
const altDigitPerReport = (code: number) => [
  ...[...String(code).padStart(3, '0')].flatMap((digit) => [report(LEFT_ALT, keypad(digit)), report(LEFT_ALT)]),
  RELEASE,
];

function feed(reports: readonly (string | Uint8Array)[], options: BootKeyboardOptions = { altCodes: 'unicode' }): DecodeResult[] {
  const decoder = createBootKeyboardDecoder(options);
  return reports.flatMap((r) => decoder.push(typeof r === 'string' ? hex(r) : r));
}
const scan = (text: string): DecodeResult => ({ kind: 'scan', symbology: null, text });

describe('boot keyboard: the shared captures', () => {
  it('decodes "Ab1-" + Enter, with Shift and key releases', () => {
    expect(feed(v.keyboard_Ab1_dash_Enter)).toEqual([scan('Ab1-')]);
  });

  it('decodes the Alt+keypad capture that packs each character into one report, Alt held, as SIP-4-1', () => {
    expect(feed(v.keyboard_altNumpad_SIP41)).toEqual([scan('SIP-4-1')]);
  });
});

describe('boot keyboard: Alt codes', () => {
  const sip41 = [...'SIP-4-1'].map((c) => c.codePointAt(0) ?? 0);

  it('decodes SIP-4-1 typed a digit per report, with key releases, Alt released after each character', () => {
    expect(feed([...sip41.flatMap(altDigitPerReport), ENTER, RELEASE])).toEqual([scan('SIP-4-1')]);
  });

  it('decodes packed reports with key releases between them while Alt stays held', () => {
    const packed = sip41.flatMap((code) => [report(LEFT_ALT, ...[...String(code).padStart(3, '0')].map(keypad)), report(LEFT_ALT)]);
    expect(feed([...packed, ENTER])).toEqual([scan('SIP-4-1')]);
  });

  it('reads the digits as a Unicode code point or a GBK code value, by setting', () => {
    expect(feed([...altDigitPerReport(35760), ...altDigitPerReport(0x5f20), ENTER])).toEqual([scan('记张')]);
    expect(feed([...altDigitPerReport(51911), ...altDigitPerReport(0xd5c5), ENTER], { altCodes: 'gbk' })).toEqual([scan('是张')]);
    // Below 128 both settings mean ASCII.
    expect(feed([...altDigitPerReport(65), ...typed('1'), ENTER], { altCodes: 'gbk' })).toEqual([scan('A1')]);
  });

  it('mixes Alt codes with plain keys, and a name with an ID number', () => {
    const reports = [...[0x5f20, 0x4e09].flatMap(altDigitPerReport), ...typed('|110101199003071233'), TAB];
    expect(feed(reports)).toEqual([scan('张三|110101199003071233')]);
  });

  it('calls codes that name no character noise', () => {
    expect(feed([...altDigitPerReport(1114112), ENTER])).toEqual([{ kind: 'noise', reason: 'Alt code' }]);
    expect(feed([...altDigitPerReport(12345678), ENTER])).toEqual([{ kind: 'noise', reason: 'Alt code' }]);
    expect(feed([...altDigitPerReport(0x80), ENTER], { altCodes: 'gbk' })).toEqual([{ kind: 'noise', reason: 'Alt code' }]);
    expect(feed([...altDigitPerReport(0xd57f), ENTER], { altCodes: 'gbk' })).toEqual([{ kind: 'noise', reason: 'Alt code' }]);
  });

  it('calls a scan with a control character or a lone surrogate typed by Alt code noise', () => {
    expect(feed([...typed('AB'), ...altDigitPerReport(7), ENTER])).toEqual([{ kind: 'noise', reason: 'not scan text' }]);
    expect(feed([...typed('AB'), ...altDigitPerReport(0xd800), ENTER])).toEqual([{ kind: 'noise', reason: 'not scan text' }]);
  });

  it('calls Alt with anything but keypad digits noise', () => {
    expect(feed([report(LEFT_ALT, 0x04), ...typed('AB'), ENTER])).toEqual([
      { kind: 'noise', reason: 'Alt with a key other than a keypad digit' },
    ]);
  });
});

describe('boot keyboard: keys', () => {
  it('types the whole US layout, with left and right Shift', () => {
    const ascii = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i)).join('');
    expect(feed([...typed(ascii), ENTER])).toEqual([scan(ascii)]);
  });

  it('reads the key slots in order, the same key repeated inside one report', () => {
    expect(feed([report(0, 0x1e, 0x1e, 0x1f, 0x28)])).toEqual([scan('112')]);
    expect(feed([report(LEFT_SHIFT, 0x04, 0x04, 0x05), report(0, 0x04, 0x28, 0x05, 0x2b)])).toEqual([scan('AABa'), scan('b')]);
  });

  it('ends a scan at Enter, keypad Enter or Tab, and reads keypad digits', () => {
    const keypadDigits = [...'1234567890'].map((d) => report(0, keypad(d)));
    expect(feed([...keypadDigits, KEYPAD_ENTER, ...typed('AB-1'), TAB, ...typed('CD-2'), ENTER])).toEqual([
      scan('1234567890'),
      scan('AB-1'),
      scan('CD-2'),
    ]);
  });

  it('follows Caps Lock for letters only, with Shift reversing it', () => {
    const capsLock = report(0, CAPS_LOCK);
    expect(feed([capsLock, RELEASE, ...typed('aB1!'), capsLock, RELEASE, ...typed('c'), ENTER])).toEqual([scan('Ab1!c')]);
  });

  it('strips the UTF-8 ECI marker typed before the data', () => {
    expect(feed([...typed('\\000026SD-2026'), ENTER])).toEqual([scan('SD-2026')]);
  });

  it('calls a suffix with nothing before it noise', () => {
    expect(feed([ENTER])).toEqual([{ kind: 'noise', reason: 'not scan text' }]);
  });
});

describe('boot keyboard: noise', () => {
  it.each([
    ['Ctrl', report(0x01, 0x04), 'modifier'],
    ['right Ctrl', report(0x10, 0x04), 'modifier'],
    ['GUI', report(0x08), 'modifier'],
    ['a non-zero reserved byte', Uint8Array.of(0, 1, 0x04, 0, 0, 0, 0, 0), 'reserved byte'],
    ['a 7-byte report', Uint8Array.of(0, 0, 0x04, 0, 0, 0, 0), 'report size'],
    ['a 9-byte report', Uint8Array.of(0, 0, 0x04, 0, 0, 0, 0, 0, 0), 'report size'],
    ['Escape', report(0, 0x29), 'usage id'],
    ['Backspace', report(0, 0x2a), 'usage id'],
    ['F1', report(0, 0x3a), 'usage id'],
    ['keypad dot', report(0, 0x63), 'usage id'],
    ['the roll-over error', report(0, 0x01, 0x01, 0x01, 0x01, 0x01, 0x01), 'usage id'],
  ])('calls %s noise, drops what was typed and skips the rest of that scan', (_, bad, reason) => {
    expect(feed([...typed('AB'), bad, ...typed('CD'), ENTER, ...typed('EF'), ENTER])).toEqual([
      { kind: 'noise', reason },
      scan('EF'),
    ]);
  });

  it('refuses a scan over 4096 characters once and decodes the next one', () => {
    const long = Array<Uint8Array>(4100).fill(report(0, 0x1e));
    expect(feed([...long, ENTER, ...typed('AB'), ENTER])).toEqual([{ kind: 'noise', reason: 'too long' }, scan('AB')]);
  });

  it('forgets a partial scan, an Alt code being typed, Caps Lock and skipping on reset', () => {
    const decoder = createBootKeyboardDecoder({ altCodes: 'unicode' });
    const push = (reports: Uint8Array[]) => reports.flatMap((r) => decoder.push(r));
    push([...typed('AB'), report(0, CAPS_LOCK), report(LEFT_ALT, keypad('6'))]);
    decoder.reset();
    expect(push([RELEASE, ...typed('c'), ENTER])).toEqual([scan('c')]);
    push([...typed('AB'), report(0, 0x29)]);
    decoder.reset();
    expect(push([...typed('d'), ENTER])).toEqual([scan('d')]);
  });
});
