// Keyboard-mode scanners read raw as HID boot keyboards: 8-byte reports of modifiers, a reserved byte and six
// usage ids, typed with the US layout. Every report's key slots are keystrokes, in slot order: scanners repeat a
// key inside one report and do not always send a key release in between. Characters outside the layout come as
// Alt + keypad digits of a decimal code, a Unicode code point or a GBK code value by setting. The suffix key
// (Enter, keypad Enter or Tab) ends the scan.
import type { DecodeNoise, DecodeResult } from '../events';
import { decodeScanBytes } from './decodeText';

export interface BootKeyboardOptions {
  altCodes: 'unicode' | 'gbk';
}

export interface BootKeyboardDecoder {
  push(report: Uint8Array): DecodeResult[];
  /** Drops a scan cut short (the device was unplugged) and forgets the Caps Lock state. */
  reset(): void;
}

const REPORT_BYTES = 8;
const SHIFT = 0x02 | 0x20;
const ALT = 0x04 | 0x40;
const CAPS_LOCK = 0x39;
const SUFFIX_KEYS: ReadonlySet<number> = new Set([0x28, 0x58, 0x2b]);
const MAX_SCAN_CHARS = 4096;
/** The longest decimal code: 1114111, the last Unicode code point. */
const MAX_ALT_DIGITS = 7;

/** Usage id → the character typed without and with Shift: the US layout, and the keypad with Num Lock on. */
const CHARACTER_KEYS = new Map<number, readonly [string, string]>([
  [0x2c, [' ', ' ']], [0x2d, ['-', '_']], [0x2e, ['=', '+']], [0x2f, ['[', '{']], [0x30, [']', '}']],
  [0x31, ['\\', '|']], [0x33, [';', ':']], [0x34, ["'", '"']], [0x35, ['`', '~']], [0x36, [',', '<']],
  [0x37, ['.', '>']], [0x38, ['/', '?']],
]);
[...'abcdefghijklmnopqrstuvwxyz'].forEach((letter, i) => CHARACTER_KEYS.set(0x04 + i, [letter, letter.toUpperCase()]));
[...'1234567890'].forEach((digit, i) => CHARACTER_KEYS.set(0x1e + i, [digit, '!@#$%^&*()'[i]]));
/** Keypad 1..9 and 0: scanners type Alt codes with them. */
const KEYPAD_DIGITS = new Map<number, string>([...'1234567890'].map((digit, i) => [0x59 + i, digit]));
for (const [usage, digit] of KEYPAD_DIGITS) CHARACTER_KEYS.set(usage, [digit, digit]);
const isLetter = (usage: number) => usage >= 0x04 && usage <= 0x1d;

const GBK = new TextDecoder('gbk', { fatal: true });
const UTF8 = new TextEncoder();

/** The character a GBK code value names (two bytes: lead 81..FE, trail 40..FE but not 7F), or null. */
function gbkCharacter(code: number): string | null {
  const [lead, trail] = [code >> 8, code & 0xff];
  if (code > 0xffff || lead < 0x81 || lead > 0xfe || trail < 0x40 || trail === 0x7f || trail > 0xfe) return null;
  try {
    return GBK.decode(Uint8Array.of(lead, trail));
  } catch {
    return null;
  }
}

export function createBootKeyboardDecoder(options: BootKeyboardOptions): BootKeyboardDecoder {
  let typed = '';
  /** Digits of the Alt code being typed. */
  let altDigits = '';
  let capsLock = false;
  // After noise the rest of that scan, up to its suffix, is skipped: on its own it is a shorter code than the
  // one printed, which must not pass for a scan.
  let skippingToSuffix = false;

  function drop(reason: string): DecodeNoise {
    typed = '';
    altDigits = '';
    skippingToSuffix = true;
    return { kind: 'noise', reason };
  }

  function type(characters: string): DecodeNoise | null {
    if (skippingToSuffix) return null;
    typed += characters;
    return typed.length > MAX_SCAN_CHARS ? drop('too long') : null;
  }

  function altCharacter(digits: string): string | null {
    const code = Number(digits);
    if (options.altCodes === 'gbk' && code > 0x7f) return gbkCharacter(code);
    return code <= 0x10ffff ? String.fromCodePoint(code) : null;
  }

  /** Types the character of the Alt code being typed, if any; noise when its digits name none. */
  function endAltCode(): DecodeNoise | null {
    if (altDigits === '') return null;
    const character = altCharacter(altDigits);
    altDigits = '';
    return character === null ? drop('Alt code') : type(character);
  }

  function endScan(): DecodeResult[] {
    if (skippingToSuffix) {
      skippingToSuffix = false; // nothing was typed while skipping
      return [];
    }
    // Typed text passes the same check as scanned bytes (no control characters, the ECI marker stripped).
    const text = decodeScanBytes(UTF8.encode(typed));
    typed = '';
    return [text === null ? { kind: 'noise', reason: 'not scan text' } : { kind: 'scan', symbology: null, text }];
  }

  /** Keys pressed with Alt held: keypad digits of a code, nothing else. */
  function pushAltDigits(keys: Uint8Array): DecodeNoise | null {
    const digits = [...keys].map((usage) => KEYPAD_DIGITS.get(usage) ?? '');
    if (digits.includes('')) return drop('Alt with a key other than a keypad digit');
    // Where an Alt code ends: when Alt is released (a scanner typing a digit per report, key releases between,
    // lets go of Alt after each character), or with a report of two or more digits, which holds a whole
    // character (captures that pack each character into one report and keep Alt held). A printable character's
    // code has two digits or more, so a single-digit report is always part of a longer code.
    if (digits.length > 1) {
      const broken = endAltCode();
      if (broken) return broken;
      altDigits = digits.join('');
      return endAltCode();
    }
    altDigits += digits[0];
    return altDigits.length > MAX_ALT_DIGITS ? drop('Alt code') : null;
  }

  function pushKeys(keys: Uint8Array, shift: boolean): DecodeResult[] {
    const results: DecodeResult[] = [];
    for (const usage of keys) {
      const pair = CHARACTER_KEYS.get(usage);
      if (SUFFIX_KEYS.has(usage)) {
        results.push(...endScan());
      } else if (usage === CAPS_LOCK) {
        capsLock = !capsLock;
      } else if (pair === undefined) {
        return [...results, drop('usage id')];
      } else {
        const broken = type(pair[(isLetter(usage) ? shift !== capsLock : shift) ? 1 : 0]);
        if (broken) return [...results, broken];
      }
    }
    return results;
  }

  return {
    push(report) {
      if (report.length !== REPORT_BYTES) return [drop('report size')];
      if (report[1] !== 0) return [drop('reserved byte')];
      const modifiers = report[0];
      if ((modifiers & ~(SHIFT | ALT)) !== 0) return [drop('modifier')];
      const keys = report.subarray(2).filter((usage) => usage !== 0);
      if ((modifiers & ALT) !== 0) {
        const broken = keys.length > 0 ? pushAltDigits(keys) : null;
        return broken ? [broken] : [];
      }
      const broken = endAltCode();
      return broken ? [broken] : pushKeys(keys, (modifiers & SHIFT) !== 0);
    },

    reset() {
      typed = '';
      altDigits = '';
      capsLock = false;
      skippingToSuffix = false;
    },
  };
}
