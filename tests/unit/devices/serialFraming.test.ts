// Serial framing: frames cut at the suffix however the bytes are split, flushed after a quiet time when the suffix
// never comes, and only text a code could carry passes as a scan.
import { describe, expect, it } from 'vitest';
import type { DecodeResult } from '../../../src-main/core/devices/events';
import { createSerialFramer } from '../../../src-main/core/devices/scanner/serialFraming';

const bytes = (text: string) => new TextEncoder().encode(text);
const scan = (text: string): DecodeResult => ({ kind: 'scan', symbology: null, text });
const QR = '张三|110101199003071233|13800000000';

describe('serial framing', () => {
  it.each([
    ['CR', '\r'],
    ['LF', '\n'],
    ['CRLF', '\r\n'],
  ] as const)('cuts frames at the %s suffix', (suffix, end) => {
    const framer = createSerialFramer({ suffix, timeoutMs: 300 });
    expect(framer.push(bytes(`2026112300001${end}${QR}${end}`), 0)).toEqual([scan('2026112300001'), scan(QR)]);
  });

  it('gives the same scans however the bytes are split, a CRLF or a UTF-8 character across pieces included', () => {
    const stream = bytes(`2026112300001\r\n${QR}\r\nABCD\r\n`);
    for (const size of [1, 2, 3, 5, 14, 15, 16, stream.length]) {
      const framer = createSerialFramer({ suffix: 'CRLF', timeoutMs: 300 });
      const results: DecodeResult[] = [];
      for (let at = 0; at < stream.length; at += size) results.push(...framer.push(stream.subarray(at, at + size), at));
      expect(results, `pieces of ${size}`).toEqual([scan('2026112300001'), scan(QR), scan('ABCD')]);
    }
  });

  it('reads GBK frames from older scanners', () => {
    const framer = createSerialFramer({ suffix: 'CR', timeoutMs: 300 });
    expect(framer.push(Uint8Array.of(0xd5, 0xc5, 0xc8, 0xfd, ...bytes('|1101\r')), 0)).toEqual([scan('张三|1101')]);
  });

  it('flushes a frame whose suffix never came once the line was quiet for the timeout', () => {
    const framer = createSerialFramer({ suffix: 'CR', timeoutMs: 300 });
    expect(framer.push(bytes('张三|1101011990'), 1000)).toEqual([]);
    expect(framer.push(bytes('03071233|13800000000'), 1100)).toEqual([]);
    expect(framer.poll(1399)).toEqual([]);
    expect(framer.poll(1400)).toEqual([scan(QR)]);
    expect(framer.poll(9000)).toEqual([]);
  });

  it('ends the frame before a quiet gap even when nobody polled in time', () => {
    const framer = createSerialFramer({ suffix: 'CR', timeoutMs: 300 });
    framer.push(bytes('AB-123'), 0);
    expect(framer.push(bytes('CD-456\r'), 500)).toEqual([scan('AB-123'), scan('CD-456')]);
  });

  it('still checks a flushed frame', () => {
    const framer = createSerialFramer({ suffix: 'CR', timeoutMs: 300 });
    framer.push(bytes('AB\u0007CD'), 0);
    expect(framer.poll(300)).toEqual([{ kind: 'noise', reason: 'not scan text' }]);
    framer.push(bytes('ABC'), 1000);
    expect(framer.poll(1300)).toEqual([{ kind: 'noise', reason: 'too short' }]);
  });

  it('calls control characters, undecodable bytes, empty and short frames noise', () => {
    const framer = createSerialFramer({ suffix: 'LF', timeoutMs: 300 });
    expect(framer.push(bytes('AB\u0000CD\nAB\rCD\n\nABC\n张三李\n'), 0)).toEqual([
      { kind: 'noise', reason: 'not scan text' },
      { kind: 'noise', reason: 'not scan text' },
      { kind: 'noise', reason: 'not scan text' },
      { kind: 'noise', reason: 'too short' },
      { kind: 'noise', reason: 'too short' },
    ]);
    expect(framer.push(Uint8Array.of(0x41, 0x42, 0xff, 0x43, 0x44, 0x0a), 0)).toEqual([{ kind: 'noise', reason: 'not scan text' }]);
    // Length counts characters, not bytes.
    expect(framer.push(bytes('张三李四\n'), 0)).toEqual([scan('张三李四')]);
  });

  it('takes a shorter or longer minimum length', () => {
    const framer = createSerialFramer({ suffix: 'CR', timeoutMs: 300, minLength: 1 });
    expect(framer.push(bytes('7\r'), 0)).toEqual([scan('7')]);
    const strict = createSerialFramer({ suffix: 'CR', timeoutMs: 300, minLength: 13 });
    expect(strict.push(bytes('202611230000\r2026112300001\r'), 0)).toEqual([{ kind: 'noise', reason: 'too short' }, scan('2026112300001')]);
  });

  it('calls a CR without its LF part of the frame when the suffix is CRLF', () => {
    const framer = createSerialFramer({ suffix: 'CRLF', timeoutMs: 300 });
    expect(framer.push(bytes('AB\rCD\r\nABCD\r\r\n'), 0)).toEqual([
      { kind: 'noise', reason: 'not scan text' },
      { kind: 'noise', reason: 'not scan text' },
    ]);
    // A frame flushed while its CR waits for the LF carries half a suffix.
    framer.push(bytes('ABCD\r'), 0);
    expect(framer.poll(300)).toEqual([{ kind: 'noise', reason: 'not scan text' }]);
  });

  it('takes a 4 KB frame, and refuses a longer one once, up to its suffix', () => {
    const framer = createSerialFramer({ suffix: 'CRLF', timeoutMs: 300 });
    expect(framer.push(bytes(`${'9'.repeat(4096)}\r\n`), 0)).toEqual([scan('9'.repeat(4096))]);
    expect(framer.push(bytes('9'.repeat(4097)), 0)).toEqual([{ kind: 'noise', reason: 'too long' }]);
    expect(framer.push(bytes(`${'9'.repeat(10000)}\r`), 0)).toEqual([]);
    expect(framer.push(bytes('\nABCD\r\n'), 0)).toEqual([scan('ABCD')]);
  });

  it('ends the refusal of an overlong frame at a quiet gap as well', () => {
    const framer = createSerialFramer({ suffix: 'CR', timeoutMs: 300 });
    expect(framer.push(bytes('9'.repeat(5000)), 0)).toEqual([{ kind: 'noise', reason: 'too long' }]);
    expect(framer.poll(300)).toEqual([]);
    expect(framer.push(bytes('ABCD\r'), 400)).toEqual([scan('ABCD')]);
  });

  it('drops a partial frame on reset', () => {
    const framer = createSerialFramer({ suffix: 'CRLF', timeoutMs: 300 });
    framer.push(bytes('12345\r'), 0);
    framer.reset();
    // The LF that would have ended the dropped frame is now a stray control byte in the next one.
    expect(framer.push(bytes('\nABCD\r\n'), 1)).toEqual([{ kind: 'noise', reason: 'not scan text' }]);
    framer.push(bytes('12345'), 2);
    framer.reset();
    expect(framer.push(bytes('67890\r\n'), 3)).toEqual([scan('67890')]);
    expect(framer.poll(10_000)).toEqual([]);
  });
});
