// A simulated SAM card reader: it answers the driver's command frames as a desk reader does. A placed card
// is found, selected and read once; after that, find reports no card until another card is placed.

const PREAMBLE = [0xaa, 0xaa, 0xaa, 0x96, 0x69];
const STATUS = { ok: 0x90, findOk: 0x9f, checksumError: 0x10, badCommand: 0x21, noCard: 0x80, selectFailed: 0x81 };
/** A stand-in for the card's photo: the driver must drop it, and tests look for this pattern to prove it does. */
export const SIMULATED_PHOTO = Uint8Array.from({ length: 1024 }, (_, i) => (i * 7 + 3) & 0xff);
const SIMULATED_FINGERPRINT = Uint8Array.from({ length: 1024 }, (_, i) => (i * 13 + 1) & 0xff);

function responseFrame(sw3: number, data: readonly number[] | Uint8Array = []): Uint8Array {
  const length = 3 + data.length + 1;
  const body = [length >> 8, length & 0xff, 0x00, 0x00, sw3, ...data];
  const check = body.reduce((xor, byte) => xor ^ byte, 0);
  return Uint8Array.from([...PREAMBLE, ...body, check]);
}

function u16(value: number): number[] {
  return [value >> 8, value & 0xff];
}

export function createCardReaderSim() {
  let card: { text: Uint8Array; read: boolean } | null = null;
  // A card put down where another lay: the old one left the field first, which the next find reports.
  let swapping = false;

  function readData(text: Uint8Array, withFingerprint: boolean): Uint8Array {
    const header = [...u16(text.length), ...u16(SIMULATED_PHOTO.length), ...(withFingerprint ? u16(SIMULATED_FINGERPRINT.length) : [])];
    return Buffer.concat([Uint8Array.from(header), text, SIMULATED_PHOTO, ...(withFingerprint ? [SIMULATED_FINGERPRINT] : [])]);
  }

  return {
    /** Puts a card (its 256-byte text block) on the reader. */
    place(text: Uint8Array): void {
      swapping = card !== null;
      card = { text, read: false };
    },

    /** The reader's answer to one command frame written by the driver, or null to a frame it cannot parse. */
    answer(frame: Uint8Array): Uint8Array | null {
      if (frame.length < 10 || PREAMBLE.some((byte, i) => frame[i] !== byte)) return null;
      const length = (frame[5] << 8) | frame[6];
      if (frame.length !== 7 + length) return responseFrame(STATUS.checksumError);
      const check = frame.subarray(5, frame.length - 1).reduce((xor, byte) => xor ^ byte, 0);
      if (check !== frame[frame.length - 1]) return responseFrame(STATUS.checksumError);
      const present = card !== null && !card.read && !swapping;
      switch ((frame[7] << 8) | frame[8]) {
        case 0x10ff:
        case 0x11ff:
          return responseFrame(STATUS.ok);
        case 0x12ff:
          return responseFrame(STATUS.ok, [0x05, 0x00, 0x01, 0x00, 0x01, 0x02, 0x03, 0x04, 0x0a, 0x0b, 0x0c, 0x0d, 0x10, 0x20, 0x30, 0x40]);
        case 0x2001:
          if (swapping) {
            swapping = false;
            return responseFrame(STATUS.noCard);
          }
          return present ? responseFrame(STATUS.findOk, [0, 0, 0, 0]) : responseFrame(STATUS.noCard);
        case 0x2002:
          return present ? responseFrame(STATUS.ok, [0, 0, 0, 0, 0, 0, 0, 0]) : responseFrame(STATUS.selectFailed);
        case 0x3001:
        case 0x3010: {
          if (!card || card.read) return responseFrame(STATUS.noCard);
          card.read = true;
          return responseFrame(STATUS.ok, readData(card.text, frame[8] === 0x10));
        }
        default:
          return responseFrame(STATUS.badCommand);
      }
    },
  };
}
