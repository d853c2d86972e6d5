// Serial scanners (USB-CDC virtual COM ports) send a code's bytes and then a suffix, with nothing else to frame or
// check them. Bytes arrive in arbitrary pieces, so frames are cut at the suffix wherever it falls; a frame whose
// suffix never comes is flushed once the line has been quiet for a while. Either way the frame must be text a
// code could carry to count as a scan.
import type { DecodeResult } from '../events';
import { decodeScanBytes } from './decodeText';

export interface SerialFramerOptions {
  suffix: 'CR' | 'LF' | 'CRLF';
  /** Quiet time after a frame's last byte before it is flushed without its suffix. */
  timeoutMs: number;
  /** Shorter frames, in characters, are line noise: no tube label or personal code is that short. Default 4. */
  minLength?: number;
}

export interface SerialFramer {
  push(bytes: Uint8Array, nowMs: number): DecodeResult[];
  /** Flushes a frame whose suffix did not come within the timeout; call it every so often. */
  poll(nowMs: number): DecodeResult[];
  /** Drops a partial frame (the port closed). */
  reset(): void;
}

const CR = 0x0d;
const LF = 0x0a;
const MAX_FRAME_BYTES = 4096;

export function createSerialFramer(options: SerialFramerOptions): SerialFramer {
  const minLength = options.minLength ?? 4;
  const frame = new Uint8Array(MAX_FRAME_BYTES);
  let frameBytes = 0;
  /** CRLF only: a CR that ends the frame if an LF follows, perhaps in the next piece. */
  let pendingCr = false;
  /** After a frame outgrew the limit, bytes are dropped up to the next suffix or quiet time. */
  let overflowed = false;
  let lastByteAt = 0;

  const idle = () => frameBytes === 0 && !pendingCr && !overflowed;

  function clear(): void {
    frameBytes = 0;
    pendingCr = false;
    overflowed = false;
  }

  function append(byte: number): DecodeResult | null {
    if (overflowed) return null;
    if (frameBytes === MAX_FRAME_BYTES) {
      overflowed = true;
      return { kind: 'noise', reason: 'too long' };
    }
    frame[frameBytes++] = byte;
    return null;
  }

  /** The frame so far as a scan or noise. */
  function endFrame(): DecodeResult | null {
    const wasOverflowed = overflowed;
    // A CR still waiting for its LF is half a suffix: a control byte in the frame, which makes it noise.
    const text = overflowed || pendingCr ? null : decodeScanBytes(frame.subarray(0, frameBytes));
    clear();
    if (wasOverflowed) return null; // reported when it overflowed
    if (text === null) return { kind: 'noise', reason: 'not scan text' };
    if ([...text].length < minLength) return { kind: 'noise', reason: 'too short' };
    return { kind: 'scan', symbology: null, text };
  }

  function pushByte(byte: number): DecodeResult | null {
    if (options.suffix !== 'CRLF') return byte === (options.suffix === 'CR' ? CR : LF) ? endFrame() : append(byte);
    if (byte === LF && pendingCr) {
      pendingCr = false;
      return endFrame();
    }
    // A CR is held back until the next byte tells whether it began the suffix; if not, it belongs to the frame.
    const heldCr = pendingCr ? append(CR) : null;
    pendingCr = byte === CR;
    const appended = pendingCr ? null : append(byte);
    return heldCr ?? appended; // once a frame overflows append reports nothing more, so one of them at most
  }

  function poll(nowMs: number): DecodeResult[] {
    const flushed = !idle() && nowMs - lastByteAt >= options.timeoutMs ? endFrame() : null;
    return flushed ? [flushed] : [];
  }

  return {
    push(bytes, nowMs) {
      // A quiet gap before these bytes ended the frame before them, even when nobody polled in time.
      const results = poll(nowMs);
      if (bytes.length > 0) lastByteAt = nowMs;
      for (const byte of bytes) {
        const result = pushByte(byte);
        if (result) results.push(result);
      }
      return results;
    },
    poll,
    reset: clear,
  };
}
