// Base32 for the sticker's code: RFC 4648's vectors, read in either case, and no text but the one written for some
// bytes is read as them.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fromBase32, toBase32 } from '../../src-main/core/domain/base32';

// RFC 4648, section 10, without the padding.
const VECTORS: [string, string][] = [
  ['', ''],
  ['f', 'MY'],
  ['fo', 'MZXQ'],
  ['foo', 'MZXW6'],
  ['foob', 'MZXW6YQ'],
  ['fooba', 'MZXW6YTB'],
  ['foobar', 'MZXW6YTBOI'],
];

describe('base32', () => {
  it.each(VECTORS)('writes %j as %s and reads it back, in either case', (bytes, text) => {
    expect(toBase32(Buffer.from(bytes))).toBe(text);
    expect(fromBase32(text)?.toString()).toBe(bytes);
    expect(fromBase32(text.toLowerCase())?.toString()).toBe(bytes);
  });

  it('writes capital letters and the digits 2 to 7 only, and reads back every length', () => {
    for (let length = 0; length <= 80; length++) {
      const bytes = randomBytes(length);
      const text = toBase32(bytes);
      expect(text).toMatch(/^[A-Z2-7]*$/);
      expect(fromBase32(text)).toEqual(bytes);
    }
  });

  it('reads nothing from a character outside the alphabet, a cut text, or padding bits that are not zero', () => {
    expect(fromBase32('MZXW6YTBO1')).toBeNull();
    expect(fromBase32('MZXW6YTBOI=')).toBeNull();
    expect(fromBase32('MZXW6ſ')).toBeNull();
    // 1, 3 or 6 characters past a multiple of 8 are no whole number of bytes.
    expect(fromBase32('M')).toBeNull();
    expect(fromBase32('MZX')).toBeNull();
    expect(fromBase32('MZXW6Y')).toBeNull();
    // "MY" is "f": its last 2 bits are padding. "MZ" would be the same byte with a padding bit set.
    expect(fromBase32('MZ')).toBeNull();
  });
});
