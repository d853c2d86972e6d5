// The frame reader and the text decoder under a fixed-seed fuzz of 100,000 inputs: random bytes, random frames
// that pass the checksum, and the vectors with bits flipped, cut short, repeated and spliced together. Nothing
// throws, every result is well formed, and noise never becomes a card.
import { describe, expect, it } from 'vitest';
import { textOfReadAnswer } from '../../../src-main/core/devices/cardReader/readLoop';
import { createFrameReader, MAX_RESPONSE_LENGTH, PREAMBLE, type FrameEvent, type FrameReader } from '../../../src-main/core/devices/cardReader/samFrame';
import { decodeCardText } from '../../../src-main/core/devices/cardReader/textBlock';
import type { CardText } from '../../../src-main/core/domain/devices';
import { hex, loadVectorBytes, loadVectors } from '../../fixtures/vectors';

const v = loadVectors();
const READ_OK = 0x90;

/** xorshift32: a fixed seed gives the same inputs on every run. */
function seededRandom(seed: number) {
  let state = seed >>> 0 || 1;
  const below = (n: number): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % n;
  };
  const bytes = (length: number) => Uint8Array.from({ length }, () => below(256));
  const pick = <T>(items: readonly T[]): T => items[below(items.length)];
  return { below, bytes, pick };
}
type Random = ReturnType<typeof seededRandom>;

const FRAMES = [...Object.values(v.responses).map(hex), loadVectorBytes('sam_read_3001_ok.bin'), loadVectorBytes('sam_read_3010_ok.bin')];
const TEXT_BLOCKS = [hex(v.readTextPhoto.text256), hex(v.textJ), hex(v.textI)];

function join(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** One to three of: bits flipped, cut short, a stretch repeated, spliced with another input, bytes overwritten. */
function mutate(random: Random, input: Uint8Array, others: readonly Uint8Array[]): Uint8Array {
  let bytes: Uint8Array = input.slice();
  for (let n = 1 + random.below(3); n > 0 && bytes.length > 0; n--) {
    const at = random.below(bytes.length);
    switch (random.below(5)) {
      case 0:
        for (let flips = 1 + random.below(4); flips > 0; flips--) bytes[random.below(bytes.length)] ^= 1 << random.below(8);
        break;
      case 1:
        bytes = random.below(2) === 0 ? bytes.slice(0, at) : bytes.slice(at);
        break;
      case 2: {
        const end = at + random.below(bytes.length - at + 1);
        bytes = join(bytes.subarray(0, end), bytes.subarray(at, end), bytes.subarray(end));
        break;
      }
      case 3: {
        const other = random.pick(others);
        bytes = join(bytes.subarray(0, at), other.subarray(random.below(other.length + 1)));
        break;
      }
      case 4:
        bytes.set(random.bytes(Math.min(1 + random.below(16), bytes.length - at)), at);
        break;
    }
  }
  return bytes;
}

/** The bytes as a serial line delivers them: reads of 1 to 600 bytes. */
function pushInReads(random: Random, reader: FrameReader, bytes: Uint8Array): FrameEvent[] {
  const events: FrameEvent[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = 1 + random.below(600);
    events.push(...reader.push(bytes.subarray(at, at + size)));
    at += size;
  }
  return events;
}

/** A response frame with a correct LEN and checksum around any status and data. */
function checkedFrame(sw3: number, data: Uint8Array): Uint8Array {
  const length = 3 + data.length + 1;
  const frame = join(PREAMBLE, Uint8Array.of(length >> 8, length & 0xff, 0x00, 0x00, sw3), data, Uint8Array.of(0));
  frame[frame.length - 1] = frame.subarray(PREAMBLE.length, -1).reduce((sum, byte) => sum ^ byte, 0);
  return frame;
}

const CARD_KEYS = 'address,authority,birthDate,cardType,englishName,ethnicity,idNumber,issueCount,name,nationality,passNumber,sex,validFrom,validTo';
const DATE = /^\d{8}$/;
const NOT_TEXT = /[\p{Cc}\uFFFD]/u;

function isWellFormedCard(card: CardText): boolean {
  const strings = Object.values(card).filter((value): value is string => typeof value === 'string');
  return (
    Object.keys(card).sort().join() === CARD_KEYS &&
    ['resident', 'hmt-permit', 'foreign-permanent'].includes(card.cardType) &&
    ['unknown', 'male', 'female', 'unspecified'].includes(card.sex) &&
    card.name !== '' &&
    DATE.test(card.birthDate) &&
    DATE.test(card.validFrom) &&
    (card.validTo === null || DATE.test(card.validTo)) &&
    strings.every((text) => !NOT_TEXT.test(text))
  );
}

function isWellFormedFrame(event: FrameEvent): boolean {
  if (event.kind === 'bad-frame') return event.reason === 'length' || event.reason === 'checksum';
  return [event.sw1, event.sw2, event.sw3].every((byte) => byte >= 0 && byte <= 0xff) && event.data.length <= MAX_RESPONSE_LENGTH - 4;
}

/** Decodes a block; counts and checks what comes out. */
function decodeAll(blocks: Uint8Array[], tally: { cards: number; malformed: number }): void {
  for (const block of blocks) {
    const result = decodeCardText(block);
    if ('problem' in result) {
      if (typeof result.problem !== 'string' || Object.keys(result).length !== 1) tally.malformed++;
    } else {
      tally.cards++;
      if (!isWellFormedCard(result)) tally.malformed++;
    }
  }
}

/** The text blocks the read loop would decode from these frames (read-OK ones whose lengths add up). */
function textsOf(events: FrameEvent[]): Uint8Array[] {
  return events.flatMap((event) => {
    if (event.kind !== 'frame' || event.sw3 !== READ_OK) return [];
    const text = textOfReadAnswer(event.data, false) ?? textOfReadAnswer(event.data, true);
    return text ? [text] : [];
  });
}

describe('SAM fuzz', () => {
  it('turns 100,000 random and mutated inputs into well-formed results, and noise into no card', () => {
    const random = seededRandom(0x5a3d1e77);
    const noise = { frames: 0, readOks: 0, cards: 0, malformed: 0 };
    const checkedNoise = { cards: 0, malformed: 0 };
    const mutated = { frames: 0, cards: 0, malformed: 0 };

    // 30,000 streams of random bytes through one long-lived reader: it must resynchronise all along.
    const longLived = createFrameReader();
    for (let i = 0; i < 30_000; i++) {
      const events = pushInReads(random, longLived, random.bytes(1 + random.below(256)));
      noise.malformed += events.filter((event) => !isWellFormedFrame(event)).length;
      const frames = events.filter((event) => event.kind === 'frame');
      noise.frames += frames.length;
      noise.readOks += frames.filter((frame) => frame.sw3 === READ_OK).length;
      decodeAll(textsOf(events), noise);
    }

    // 10,000 random frames that pass the checksum, half of them read-OK with lengths that add up: random text.
    for (let i = 0; i < 10_000; i++) {
      const data =
        i % 2 === 0 ? join(Uint8Array.of(0x01, 0x00, 0x04, 0x00), random.bytes(256 + 1024)) : random.bytes(random.below(64));
      const frame = checkedFrame(i % 2 === 0 ? READ_OK : random.below(256), data);
      const events = pushInReads(random, createFrameReader(), join(random.bytes(random.below(8)), frame));
      expect(events).toHaveLength(1);
      decodeAll(textsOf(events), checkedNoise);
    }

    // 30,000 vector frames mutated, each through a fresh reader.
    for (let i = 0; i < 30_000; i++) {
      const events = pushInReads(random, createFrameReader(), mutate(random, random.pick(FRAMES), FRAMES));
      mutated.malformed += events.filter((event) => !isWellFormedFrame(event)).length;
      mutated.frames += events.filter((event) => event.kind === 'frame').length;
      decodeAll(textsOf(events), mutated);
    }

    // 10,000 random text blocks, and 20,000 vector text blocks mutated (some no longer 256 bytes).
    decodeAll(Array.from({ length: 10_000 }, () => random.bytes(256)), checkedNoise);
    decodeAll(Array.from({ length: 20_000 }, () => mutate(random, random.pick(TEXT_BLOCKS), TEXT_BLOCKS)), mutated);

    expect(noise).toMatchObject({ readOks: 0, cards: 0, malformed: 0 });
    expect(checkedNoise).toEqual({ cards: 0, malformed: 0 });
    expect(mutated.malformed).toBe(0);
    // The mutations leave many inputs intact enough to decode: the fuzz reaches the decoder's every path.
    expect(mutated.frames).toBeGreaterThan(1_000);
    expect(mutated.cards).toBeGreaterThan(1_000);
  });
});
