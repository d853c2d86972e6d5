// Scanned bytes to text: UTF-8 first, GBK when the bytes are not UTF-8, the ECI marker dropped, and no text that a
// printed code could not carry.
import { describe, expect, it } from 'vitest';
import { decodeScanBytes } from '../../../src-main/core/devices/scanner/decodeText';

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeScanBytes', () => {
  it('reads UTF-8: codes, a Chinese name, JSON, spaces inside a code', () => {
    for (const text of [
      '2026112300001',
      '测试|110101199003071233|13800000000',
      '{"name":"张三","address":"北京市东城区景山前街4号，5号楼（东门）"}',
      'M1TEST/SAMPLE        ABCDEF PEKSHAMU',
      '𠀀', // outside the BMP: a surrogate pair, not a lone surrogate
    ]) {
      expect(decodeScanBytes(utf8(text))).toBe(text);
    }
  });

  it('falls back to GBK when the bytes are not UTF-8', () => {
    expect(decodeScanBytes(Uint8Array.of(0xd5, 0xc5, 0xc8, 0xfd))).toBe('张三');
    expect(decodeScanBytes(Uint8Array.of(0xca, 0xc7, 0x7c, 0x31, 0x32))).toBe('是|12');
    expect(decodeScanBytes(Uint8Array.of(0xb1, 0xb1, 0xbe, 0xa9))).toBe('北京');
  });

  it('reads bytes that are valid in both encodings as UTF-8', () => {
    // C3 A9 is é in UTF-8 and 茅 in GBK.
    expect(decodeScanBytes(Uint8Array.of(0xc3, 0xa9))).toBe('é');
  });

  it('strips a leading UTF-8 ECI marker, after which the data must be UTF-8', () => {
    expect(decodeScanBytes(utf8('\\000026ABC123'))).toBe('ABC123');
    expect(decodeScanBytes(utf8('\\000026张三'))).toBe('张三');
    expect(decodeScanBytes(utf8('A\\000026'))).toBe('A\\000026');
    expect(decodeScanBytes(Uint8Array.of(...utf8('\\000026'), 0xd5, 0xc5))).toBeNull();
    expect(decodeScanBytes(utf8('\\000026'))).toBeNull();
  });

  it('refuses empty and undecodable bytes', () => {
    expect(decodeScanBytes(new Uint8Array(0))).toBeNull();
    expect(decodeScanBytes(Uint8Array.of(0x81))).toBeNull(); // a GBK lead byte with no trail byte
    expect(decodeScanBytes(Uint8Array.of(0xd5, 0x7f))).toBeNull(); // 7F is no GBK trail byte
  });

  it('refuses control characters, replacement characters, lone surrogates and private-use characters', () => {
    for (const text of ['AB\u0000CD', 'ABCD\r', 'AB\tCD', 'AB\u001bCD', 'AB\u007fCD', 'AB\u0085CD', 'AB\ufffdCD', 'AB\ue000CD']) {
      expect(decodeScanBytes(utf8(text)), JSON.stringify(text)).toBeNull();
    }
    // A lone surrogate cannot reach bytes except as U+FFFD, which is refused.
    expect(decodeScanBytes(utf8('AB\ud800CD'))).toBeNull();
    // GBK's user-defined area (AA A1) and byte FF decode to private-use characters.
    expect(decodeScanBytes(Uint8Array.of(0x41, 0xaa, 0xa1))).toBeNull();
    expect(decodeScanBytes(Uint8Array.of(0xff, 0xff))).toBeNull();
  });
});
