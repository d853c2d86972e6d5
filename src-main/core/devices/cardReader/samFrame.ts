// SAM frames (GA 467). Command: `AA AA AA 96 69 | LEN | CMD PARA DATA | CHK`; response:
// `AA AA AA 96 69 | LEN | SW1 SW2 SW3 DATA | CHK`. LEN is two bytes big-endian and counts every byte after
// itself, CHK included; CHK is the XOR of LEN through the last data byte.

export const PREAMBLE = Uint8Array.of(0xaa, 0xaa, 0xaa, 0x96, 0x69);
const LENGTH_BYTES = 2;
/** Preamble and LEN: what must have arrived before a frame's size is known. */
const HEADER_BYTES = PREAMBLE.length + LENGTH_BYTES;
/** SW1 SW2 SW3 CHK: the shortest response. */
const MIN_RESPONSE_LENGTH = 4;
/** The longest response of the protocol (text + photo + fingerprint) is 2,314 after LEN; more is a bad LEN. */
export const MAX_RESPONSE_LENGTH = 4096;

function xorOf(bytes: Uint8Array): number {
  let sum = 0;
  for (const byte of bytes) sum ^= byte;
  return sum;
}

export function buildCommand(cmd: number, para: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const length = 2 + data.length + 1;
  const frame = new Uint8Array(HEADER_BYTES + length);
  frame.set(PREAMBLE);
  frame.set([length >> 8, length & 0xff, cmd, para], PREAMBLE.length);
  frame.set(data, HEADER_BYTES + 2);
  frame[frame.length - 1] = xorOf(frame.subarray(PREAMBLE.length, frame.length - 1));
  return frame;
}

export const COMMANDS = {
  resetSam: buildCommand(0x10, 0xff),
  samStatus: buildCommand(0x11, 0xff),
  readSamId: buildCommand(0x12, 0xff),
  findCard: buildCommand(0x20, 0x01),
  selectCard: buildCommand(0x20, 0x02),
  readTextPhoto: buildCommand(0x30, 0x01),
  readNewAddress: buildCommand(0x30, 0x03),
  readTextPhotoFingerprint: buildCommand(0x30, 0x10),
  setBaud115200: buildCommand(0x60, 0x00),
  setBaud9600: buildCommand(0x60, 0x04),
} as const;

export type FrameEvent =
  | { kind: 'frame'; sw1: number; sw2: number; sw3: number; data: Uint8Array }
  | { kind: 'bad-frame'; reason: 'length' | 'checksum' };

export interface FrameReader {
  /** Takes the bytes of one read and returns the frames they completed, in order. */
  push(bytes: Uint8Array): FrameEvent[];
  /** Drops a frame cut short (an unplug, a command that timed out). */
  reset(): void;
}

/** Finds response frames in a byte stream that may split them across reads and put garbage before them. */
export function createFrameReader(): FrameReader {
  let pending = new Uint8Array(0);

  /** True when the preamble starts at `at`, or the bytes from `at` to the end are the start of one. */
  function preambleStartsAt(at: number): boolean {
    const comparable = Math.min(PREAMBLE.length, pending.length - at);
    for (let i = 0; i < comparable; i++) if (pending[at + i] !== PREAMBLE[i]) return false;
    return true;
  }

  function nextPreamble(from: number): number {
    let at = from;
    while (at < pending.length && !preambleStartsAt(at)) at++;
    return at;
  }

  return {
    push(bytes) {
      const joined = new Uint8Array(pending.length + bytes.length);
      joined.set(pending);
      joined.set(bytes, pending.length);
      pending = joined;

      const events: FrameEvent[] = [];
      let at = nextPreamble(0);
      while (pending.length - at >= HEADER_BYTES) {
        const length = (pending[at + PREAMBLE.length] << 8) | pending[at + PREAMBLE.length + 1];
        if (length < MIN_RESPONSE_LENGTH || length > MAX_RESPONSE_LENGTH) {
          events.push({ kind: 'bad-frame', reason: 'length' });
          at = nextPreamble(at + 1);
          continue;
        }
        const end = at + HEADER_BYTES + length;
        if (pending.length < end) break;
        if (xorOf(pending.subarray(at + PREAMBLE.length, end - 1)) !== pending[end - 1]) {
          // The LEN may be the damaged byte, so the next frame can start anywhere after this preamble.
          events.push({ kind: 'bad-frame', reason: 'checksum' });
          at = nextPreamble(at + 1);
          continue;
        }
        const status = at + HEADER_BYTES;
        events.push({
          kind: 'frame',
          sw1: pending[status],
          sw2: pending[status + 1],
          sw3: pending[status + 2],
          data: pending.slice(status + 3, end - 1),
        });
        at = nextPreamble(end);
      }
      // A copy of the rest only: the consumed frames (a photo among them) are not kept alive.
      pending = pending.slice(at);
      return events;
    },

    reset() {
      pending = new Uint8Array(0);
    },
  };
}
