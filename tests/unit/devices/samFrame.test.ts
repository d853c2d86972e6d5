// SAM frames against the shared vectors: commands byte for byte, responses found however the bytes arrive,
// damaged frames reported and skipped, and every status code of the reference named and explained.
import { describe, expect, it } from 'vitest';
import {
  buildCommand,
  COMMANDS,
  createFrameReader,
  MAX_RESPONSE_LENGTH,
  type FrameEvent,
} from '../../../src-main/core/devices/cardReader/samFrame';
import { SAM_STATUSES, samReason, samStatus } from '../../../src-main/core/devices/cardReader/samStatus';
import { hex, loadVectorBytes, loadVectors } from '../../fixtures/vectors';

const v = loadVectors();
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();
/** The status or command a vector is named after: 'findOk_9F' → 0x9F, 'findCard_2001' → 0x2001. */
const codeInName = (name: string) => parseInt(name.slice(name.lastIndexOf('_') + 1), 16);

function framesOf(chunks: Uint8Array[]): FrameEvent[] {
  const reader = createFrameReader();
  return chunks.flatMap((chunk) => reader.push(chunk));
}

const oneByteReads = (bytes: Uint8Array) => [...bytes].map((byte) => Uint8Array.of(byte));

/** Reads of 1 to 37 bytes, cut at fixed but uneven places. */
function unevenReads(bytes: Uint8Array): Uint8Array[] {
  const reads: Uint8Array[] = [];
  for (let at = 0, n = 0; at < bytes.length; n++) {
    const size = 1 + ((n * 13) % 37);
    reads.push(bytes.subarray(at, at + size));
    at += size;
  }
  return reads;
}

// Garbage as a line gives it at plug-in: a broken-off preamble among it, and one that runs into the real one.
const GARBAGE = Uint8Array.of(0x00, 0xff, 0xaa, 0xaa, 0x13, 0x96, 0x69, 0xaa, 0xaa, 0xaa, 0x96, 0x00, 0xaa);

const join = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));

describe('command frames', () => {
  it('match every command vector byte for byte, by name and by CMD PARA', () => {
    const byName: Record<string, Uint8Array> = {
      resetSAM_10FF: COMMANDS.resetSam,
      samStatus_11FF: COMMANDS.samStatus,
      readSamId_12FF: COMMANDS.readSamId,
      findCard_2001: COMMANDS.findCard,
      selectCard_2002: COMMANDS.selectCard,
      readTextPhoto_3001: COMMANDS.readTextPhoto,
      readNewAddress_3003: COMMANDS.readNewAddress,
      readTextPhotoFp_3010: COMMANDS.readTextPhotoFingerprint,
      setBaud115200_6000: COMMANDS.setBaud115200,
      setBaud9600_6004: COMMANDS.setBaud9600,
    };
    expect(Object.keys(byName).sort()).toEqual(Object.keys(v.commands).sort());
    for (const [name, expected] of Object.entries(v.commands)) {
      expect(toHex(byName[name]), name).toBe(expected);
      const code = codeInName(name);
      expect(toHex(buildCommand(code >> 8, code & 0xff)), name).toBe(expected);
    }
  });

  it('count data bytes in LEN and the checksum', () => {
    const frame = buildCommand(0x12, 0x34, Uint8Array.of(0x01, 0x02, 0x03));
    // LEN = CMD PARA + 3 data + CHK = 6; CHK = 00 ^ 06 ^ 12 ^ 34 ^ 01 ^ 02 ^ 03 = 0x20.
    expect(toHex(frame)).toBe('AAAAAA966900061234010203' + '20');
  });
});

describe('response frames', () => {
  it('parse every response vector whole, a byte at a time, in uneven reads and after garbage', () => {
    const expectedData: Record<string, string> = {
      findOk_9F: '00000000',
      findNoCard_80: '',
      selectOk_90: '0000000000000000',
      selectFail_81: '',
      readFail_41: '',
      samAuthCardFail_32: '',
      badChecksum_10: '',
      samId_90: '05000100010203040A0B0C0D10203040',
    };
    expect(Object.keys(expectedData).sort()).toEqual(Object.keys(v.responses).sort());
    for (const [name, text] of Object.entries(v.responses)) {
      const bytes = hex(text);
      const ways = [[bytes], oneByteReads(bytes), unevenReads(bytes), [GARBAGE, bytes], oneByteReads(join(GARBAGE, bytes))];
      for (const reads of ways) {
        const events = framesOf(reads);
        expect(events, name).toHaveLength(1);
        const [event] = events;
        expect(event, name).toMatchObject({ kind: 'frame', sw1: 0x00, sw2: 0x00, sw3: codeInName(name) });
        if (event.kind === 'frame') expect(toHex(event.data), name).toBe(expectedData[name]);
      }
    }
  });

  it('give the status of the checksum-error vector: the reader saw a damaged command', () => {
    const [event] = framesOf([hex(v.responses.badChecksum_10)]);
    expect(event).toMatchObject({ kind: 'frame', sw3: 0x10 });
    if (event.kind === 'frame') expect(samReason(event.sw3)).toBe('checksum-error');
  });

  it('parse several frames from one read, in order', () => {
    const events = framesOf([join(hex(v.responses.findOk_9F), hex(v.responses.selectOk_90), hex(v.responses.findNoCard_80))]);
    expect(events.map((event) => event.kind === 'frame' && event.sw3)).toEqual([0x9f, 0x90, 0x80]);
  });

  it('parse the two whole read frames, whose last byte is the vector checksum', () => {
    for (const [file, vector, header] of [
      ['sam_read_3001_ok.bin', v.readTextPhoto, v.readTextPhoto.header14],
      ['sam_read_3010_ok.bin', v.readTextPhotoFp, v.readTextPhotoFp.header16],
    ] as const) {
      const bytes = loadVectorBytes(file);
      expect(bytes.length, file).toBe(vector.totalBytes);
      expect(toHex(bytes.subarray(0, header.length / 2)), file).toBe(header);
      expect(toHex(bytes.subarray(-1)), file).toBe(vector.checksum);
      for (const reads of [[bytes], unevenReads(bytes), oneByteReads(bytes)]) {
        const events = framesOf(reads);
        expect(events, file).toHaveLength(1);
        const [event] = events;
        expect(event, file).toMatchObject({ kind: 'frame', sw1: 0x00, sw2: 0x00, sw3: 0x90 });
        // Everything between SW3 and CHK: the lengths, the text, the photo (and the fingerprint).
        if (event.kind === 'frame') expect(toHex(event.data), file).toBe(toHex(bytes.subarray(10, -1)));
      }
    }
  });

  it('report a wrong checksum and resynchronise on the next preamble', () => {
    const damaged = hex(v.responses.findOk_9F);
    damaged[damaged.length - 1] ^= 0x01;
    const events = framesOf(oneByteReads(join(damaged, hex(v.responses.findNoCard_80))));
    expect(events).toEqual([{ kind: 'bad-frame', reason: 'checksum' }, expect.objectContaining({ kind: 'frame', sw3: 0x80 })]);
  });

  it('find the next frame inside a frame whose LEN was damaged', () => {
    // LEN 0x0F would swallow the next frame whole; the checksum fails and the search restarts inside it.
    const damaged = hex(v.responses.readFail_41);
    damaged[6] = 0x0f;
    const events = framesOf([join(damaged, hex(v.responses.findNoCard_80), hex(v.responses.findNoCard_80))]);
    expect(events).toEqual([
      { kind: 'bad-frame', reason: 'checksum' },
      expect.objectContaining({ kind: 'frame', sw3: 0x80 }),
      expect.objectContaining({ kind: 'frame', sw3: 0x80 }),
    ]);
  });

  it('refuse a LEN too short for a status or beyond the longest response, without waiting for its bytes', () => {
    const tooLong = MAX_RESPONSE_LENGTH + 1;
    for (const length of [0, 3, tooLong, 0xffff]) {
      const header = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69, length >> 8, length & 0xff);
      expect(framesOf([header, hex(v.responses.findOk_9F)]), String(length)).toEqual([
        { kind: 'bad-frame', reason: 'length' },
        expect.objectContaining({ kind: 'frame', sw3: 0x9f }),
      ]);
    }
  });

  it('wait for the rest of a frame however long the gap, and drop it on reset', () => {
    const reader = createFrameReader();
    const bytes = hex(v.responses.samId_90);
    expect(reader.push(bytes.subarray(0, 3))).toEqual([]);
    expect(reader.push(bytes.subarray(3, 12))).toEqual([]);
    expect(reader.push(bytes.subarray(12))).toMatchObject([{ kind: 'frame', sw3: 0x90 }]);

    expect(reader.push(bytes.subarray(0, 12))).toEqual([]);
    reader.reset();
    // The rest of the dropped frame has no preamble: it is skipped as garbage.
    expect(reader.push(bytes.subarray(12))).toEqual([]);
    expect(reader.push(hex(v.responses.findNoCard_80))).toMatchObject([{ kind: 'frame', sw3: 0x80 }]);
  });

  it('do not depend on the caller keeping its buffers', () => {
    const reader = createFrameReader();
    const bytes = hex(v.responses.samId_90);
    const first = bytes.slice(0, 15);
    reader.push(first);
    first.fill(0);
    expect(reader.push(bytes.subarray(15))).toMatchObject([{ kind: 'frame', sw3: 0x90, data: hex('05000100010203040A0B0C0D10203040') }]);
  });
});

describe('status codes', () => {
  const REFERENCE = [0x90, 0x9f, 0x91, 0x10, 0x11, 0x21, 0x23, 0x24, 0x31, 0x32, 0x33, 0x40, 0x41, 0x47, 0x60, 0x66, 0x80, 0x81];

  it('name every code of the reference with its own reason id', () => {
    expect(SAM_STATUSES.map((status) => status.code).sort()).toEqual([...REFERENCE].sort());
    expect(new Set(SAM_STATUSES.map((status) => status.reason)).size).toBe(REFERENCE.length);
    for (const status of SAM_STATUSES) {
      expect(status.reason, status.reason).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(samStatus(status.code)).toBe(status);
    }
  });

  it('use the reason ids the desk shows', () => {
    expect(samReason(0x90)).toBe('ok');
    expect(samReason(0x9f)).toBe('find-ok');
    expect(samReason(0x80)).toBe('no-card');
    expect(samReason(0x10)).toBe('checksum-error');
    expect(samReason(0x41)).toBe('read-failed');
    expect(samReason(0x32)).toBe('sam-auth-failed');
    expect(samReason(0x60)).toBe('sam-self-test-failed');
    expect(samReason(0x66)).toBe('sam-not-authorised');
  });

  it('tell card problems from reader problems, and normal answers from both', () => {
    const scopes = Object.fromEntries(SAM_STATUSES.map((status) => [status.reason, status.scope]));
    expect(scopes).toMatchObject({ ok: 'none', 'find-ok': 'none', 'no-card': 'none', 'read-failed': 'card', 'sam-auth-failed': 'card' });
    expect(scopes).toMatchObject({ 'checksum-error': 'reader', 'sam-self-test-failed': 'reader', 'sam-not-authorised': 'reader' });
  });

  it('treat a code outside the reference as a reader problem', () => {
    expect(samStatus(0x55)).toMatchObject({ code: 0x55, reason: 'unknown-status', scope: 'reader' });
  });
});
