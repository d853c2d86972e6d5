// The read loop against a scripted reader behind a fake port, on fake time: the reader answers with the
// vector frames, cut into reads of random size. One card event per placement, status events for problems
// (once each, none for an empty reader), time-outs and back-off, no photo in anything that goes up, and
// nothing more once stopped.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startCardReader, textOfReadAnswer, type CardReader, type CardReaderOptions } from '../../../src-main/core/devices/cardReader/readLoop';
import type { CardText } from '../../../src-main/core/domain/devices';
import type { DevicePort } from '../../../src-main/core/devices/ports/port';
import { VECTOR_RESIDENT_CARD } from '../../fixtures/cards';
import { hex, loadVectorBytes, loadVectors } from '../../fixtures/vectors';

const v = loadVectors();
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex').toUpperCase();

const READ_OK = loadVectorBytes('sam_read_3001_ok.bin');
const READ_OK_WITH_FINGERPRINT = loadVectorBytes('sam_read_3010_ok.bin');
const PHOTO = Uint8Array.from({ length: 1024 }, (_, i) => (i * 7 + 3) & 0xff);
const FINGERPRINT = Uint8Array.from({ length: 1024 }, (_, i) => (i * 13 + 1) & 0xff);

const RESIDENT_CARD = VECTOR_RESIDENT_CARD;

/** A response frame: preamble, LEN, SW1 SW2 SW3, data, XOR checksum. */
function responseFrame(sw3: number, data: Uint8Array): Uint8Array {
  const length = 3 + data.length + 1;
  const body = [length >> 8, length & 0xff, 0x00, 0x00, sw3, ...data];
  return Uint8Array.from([0xaa, 0xaa, 0xaa, 0x96, 0x69, ...body, body.reduce((sum, byte) => sum ^ byte, 0)]);
}

/** xorshift32, so the reads are cut the same way on every run. */
function seededRandom(seed: number) {
  let state = seed >>> 0 || 1;
  return (below: number): number => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state % below;
  };
}

type Step = 'find' | 'select' | 'read';
const STEP_OF: Record<string, Step> = {
  [v.commands.findCard_2001]: 'find',
  [v.commands.selectCard_2002]: 'select',
  [v.commands.readTextPhoto_3001]: 'read',
  [v.commands.readTextPhotoFp_3010]: 'read',
};

/**
 * A reader behind a port. Like the reference says, find answers "no card" once the card on it was read, until
 * it is put down again; `keepsFindingReadCard` makes it a reader that goes on finding it. `override` answers
 * a step with a frame of the test's choosing, or not at all.
 */
function scriptedReader(seed: number) {
  const random = seededRandom(seed);
  const listeners = new Set<(bytes: Uint8Array) => void>();
  const writes: { step: Step; at: number }[] = [];
  const state = {
    placed: false,
    readSincePlaced: false,
    keepsFindingReadCard: false,
    override: {} as Partial<Record<Step, Uint8Array | 'silent'>>,
  };

  function normalAnswer(step: Step, command: string): Uint8Array {
    switch (step) {
      case 'find':
        return state.placed && (state.keepsFindingReadCard || !state.readSincePlaced) ? hex(v.responses.findOk_9F) : hex(v.responses.findNoCard_80);
      case 'select':
        return state.placed ? hex(v.responses.selectOk_90) : hex(v.responses.selectFail_81);
      case 'read':
        if (!state.placed) return hex(v.responses.findNoCard_80);
        state.readSincePlaced = true;
        return command === v.commands.readTextPhotoFp_3010 ? READ_OK_WITH_FINGERPRINT : READ_OK;
    }
  }

  /** The answer a few milliseconds later (a read takes longer), in reads of 1 to 300 bytes a millisecond apart. */
  function deliver(answer: Uint8Array, step: Step): void {
    let at = 0;
    let delay = step === 'read' ? 40 : 5;
    while (at < answer.length) {
      const piece = answer.slice(at, at + 1 + random(300));
      at += piece.length;
      setTimeout(() => listeners.forEach((listener) => listener(piece)), delay++);
    }
  }

  const port: DevicePort = {
    info: { transport: 'serial', path: '/dev/ttyTEST', vendorId: 0x10c4, productId: 0xea60, serialNumber: null, product: null, usagePage: null, usage: null },
    async write(bytes) {
      const command = toHex(bytes);
      const step = STEP_OF[command];
      if (!step) throw new Error(`The loop sent a command this reader was not scripted for: ${command}`);
      writes.push({ step, at: Date.now() });
      const answer = state.override[step] ?? normalAnswer(step, command);
      if (answer !== 'silent') deliver(answer, step);
    },
    onData(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onError: () => () => undefined,
    close: async () => undefined,
  };

  return {
    port,
    state,
    writes,
    place() {
      state.placed = true;
      state.readSincePlaced = false;
    },
    lift() {
      state.placed = false;
    },
    count: (step: Step) => writes.filter((write) => write.step === step).length,
  };
}

const TIMING: Partial<CardReaderOptions> = { pollMs: 100, timeoutMs: 300, readTimeoutMs: 600, maxBackoffMs: 1600 };

let session: CardReader | null = null;

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  session?.stop();
  session = null;
  vi.useRealTimers();
});

function start(reader: ReturnType<typeof scriptedReader>, options: Partial<CardReaderOptions> = {}) {
  const cards: CardText[] = [];
  const statuses: (string | null)[] = [];
  session = startCardReader(reader.port, { card: (card) => cards.push(card), status: (problem) => statuses.push(problem) }, { ...TIMING, ...options });
  return { cards, statuses };
}

const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

describe('one read per placement', () => {
  it('only finds while the reader is empty, and says nothing of it', async () => {
    const reader = scriptedReader(1);
    const { cards, statuses } = start(reader);
    await advance(10_000);
    expect(reader.count('find')).toBeGreaterThan(50);
    expect(reader.writes.every((write) => write.step === 'find')).toBe(true);
    expect(cards).toEqual([]);
    expect(statuses).toEqual([]);
  });

  it('gives one card event for a placed card, with its fields, and reads it again after it was lifted and put back', async () => {
    const reader = scriptedReader(2);
    const { cards, statuses } = start(reader);
    await advance(500);
    reader.place();
    await advance(5_000);
    expect(cards).toEqual([RESIDENT_CARD]);
    expect([reader.count('select'), reader.count('read')]).toEqual([1, 1]);

    reader.lift();
    await advance(1_000);
    reader.place();
    await advance(1_000);
    expect(cards).toEqual([RESIDENT_CARD, RESIDENT_CARD]);
    expect(statuses).toEqual([]);
  });

  it('does not read a card twice on a reader that keeps finding it, until a find has said "no card"', async () => {
    const reader = scriptedReader(3);
    reader.state.keepsFindingReadCard = true;
    const { cards } = start(reader);
    reader.place();
    await advance(10_000);
    expect(cards).toHaveLength(1);
    expect(reader.count('read')).toBe(1);
    expect(reader.count('find')).toBeGreaterThan(50);

    reader.lift();
    await advance(300);
    reader.place();
    await advance(1_000);
    expect(cards).toHaveLength(2);
    expect(reader.count('read')).toBe(2);
  });

  it('reads with 30 10 when told to, and gives the same text', async () => {
    const reader = scriptedReader(4);
    const { cards } = start(reader, { withFingerprint: true });
    reader.place();
    await advance(1_000);
    expect(cards).toEqual([RESIDENT_CARD]);
  });

  it('takes a card lifted between find and read for an empty reader', async () => {
    const reader = scriptedReader(5);
    reader.state.override.read = hex(v.responses.findNoCard_80);
    const { cards, statuses } = start(reader);
    reader.place();
    await advance(2_000);
    expect(cards).toEqual([]);
    expect(statuses).toEqual([]);
  });
});

describe('problems', () => {
  it.each([
    ['read-failed', v.responses.readFail_41],
    ['sam-auth-failed', v.responses.samAuthCardFail_32],
  ])('reports %s once however often it recurs, gives no card, and clears it once a card is read', async (reason, answer) => {
    const reader = scriptedReader(6);
    reader.state.override.read = hex(answer);
    const { cards, statuses } = start(reader);
    reader.place();
    await advance(10_000);
    expect(reader.count('read')).toBeGreaterThan(3);
    expect(cards).toEqual([]);
    expect(statuses).toEqual([reason]);

    // The card problem stays while the clerk takes the card away...
    reader.lift();
    await advance(2_000);
    expect(statuses).toEqual([reason]);
    // ...and ends with the next good read.
    delete reader.state.override.read;
    reader.place();
    await advance(2_000);
    expect(cards).toEqual([RESIDENT_CARD]);
    expect(statuses).toEqual([reason, null]);
  });

  it('reports a card whose text cannot be decoded, never as a card', async () => {
    const reader = scriptedReader(7);
    const data = READ_OK.slice(10, -1);
    data.set(Buffer.from('7', 'utf16le'), 4 + 30);
    reader.state.override.read = responseFrame(0x90, data);
    const { cards, statuses } = start(reader);
    reader.place();
    await advance(2_000);
    expect(cards).toEqual([]);
    expect(statuses).toEqual(['card-unreadable']);
  });

  it.each([
    ['checksum-error', hex(v.responses.badChecksum_10)],
    ['sam-self-test-failed', responseFrame(0x60, new Uint8Array(0))],
    ['bad-frame', hex(v.responses.findOk_9F).map((byte, i, all) => (i === all.length - 1 ? byte ^ 0xff : byte))],
    ['unexpected-answer', hex(v.responses.selectOk_90)],
  ])('reports a reader problem (%s) once, and clears it as soon as the reader answers a find', async (reason, answer) => {
    const reader = scriptedReader(8);
    reader.state.override.find = answer;
    const { statuses } = start(reader);
    await advance(5_000);
    expect(statuses).toEqual([reason]);
    delete reader.state.override.find;
    await advance(2_000);
    expect(statuses).toEqual([reason, null]);
  });

  it('times out an answer that never comes, starts again from find, and reads the card', async () => {
    const reader = scriptedReader(9);
    reader.state.override.select = 'silent';
    const { cards, statuses } = start(reader);
    reader.place();
    await advance(3_000);
    expect(statuses).toEqual(['no-response']);
    expect(cards).toEqual([]);
    // Every select that went unanswered was followed by a find, not by a read.
    const steps = reader.writes.map((write) => write.step);
    expect(steps).not.toContain('read');
    const afterSelects = steps.flatMap((step, i) => (step === 'select' && i + 1 < steps.length ? [steps[i + 1]] : []));
    expect(afterSelects.length).toBeGreaterThan(1);
    expect(new Set(afterSelects)).toEqual(new Set(['find']));

    delete reader.state.override.select;
    await advance(3_000);
    expect(cards).toEqual([RESIDENT_CARD]);
    expect(statuses).toEqual(['no-response', null]);
  });

  it('drops the part of an answer that came before the time-out, so the next answer is read whole', async () => {
    const reader = scriptedReader(14);
    reader.state.override.select = hex(v.responses.selectOk_90).subarray(0, 9);
    const { cards, statuses } = start(reader);
    reader.place();
    await advance(2_000);
    delete reader.state.override.select;
    await advance(3_000);
    expect(cards).toEqual([RESIDENT_CARD]);
    expect(statuses).toEqual(['no-response', null]);
  });

  it('backs off while the reader is silent, up to the cap, and polls at full speed once it answers', async () => {
    const reader = scriptedReader(10);
    reader.state.override.find = 'silent';
    const { statuses } = start(reader);
    await advance(20_000);
    const gaps = reader.writes.slice(1).map((write, i) => write.at - reader.writes[i].at);
    // Time-out, then 2, 4, 8, 16 times the poll interval, capped at 1,600 ms.
    expect(gaps.slice(0, 6)).toEqual([500, 700, 1100, 1900, 1900, 1900]);
    expect(statuses).toEqual(['no-response']);

    delete reader.state.override.find;
    await advance(3_000);
    const recent = reader.writes.slice(-10);
    expect(recent.at(-1)!.at - recent[0].at).toBeLessThan(10 * 150);
    expect(statuses).toEqual(['no-response', null]);
  });
});

describe('the photo and fingerprint', () => {
  /** A run of bytes as it would look in JSON had it leaked: as numbers, hex, base64 or decoded text. */
  function traces(run: Uint8Array): string[] {
    const text = Buffer.from(run);
    return [[...run].join(','), text.toString('hex'), text.toString('hex').toUpperCase(), text.toString('base64'), text.toString('latin1'), text.toString('utf16le')].map((trace) =>
      JSON.stringify(trace).slice(1, -1),
    );
  }

  it('never reach the card event or the status events', async () => {
    for (const withFingerprint of [false, true]) {
      const reader = scriptedReader(11);
      const { cards, statuses } = start(reader, { withFingerprint });
      reader.place();
      await advance(1_000);
      session?.stop();
      expect(cards).toHaveLength(1);
      expect(Object.values(cards[0]).every((field) => field === null || typeof field === 'string')).toBe(true);
      const json = JSON.stringify({ cards, statuses });
      for (const run of [PHOTO.subarray(100, 124), FINGERPRINT.subarray(100, 124)]) {
        for (const trace of traces(run)) expect(json.includes(trace), trace).toBe(false);
      }
    }
  });

  it('are cut off the read answer: only the 256 text bytes are kept', () => {
    const text = READ_OK.subarray(14, 14 + 256);
    expect(textOfReadAnswer(READ_OK.slice(10, -1), false)).toEqual(text);
    expect(textOfReadAnswer(READ_OK_WITH_FINGERPRINT.slice(10, -1), true)).toEqual(text);
    // Lengths that do not add up to the answer.
    expect(textOfReadAnswer(READ_OK.slice(10, -2), false)).toBeNull();
    expect(textOfReadAnswer(READ_OK_WITH_FINGERPRINT.slice(10, -1), false)).toBeNull();
    expect(textOfReadAnswer(READ_OK.slice(10, -1), true)).toBeNull();
    expect(textOfReadAnswer(Uint8Array.of(0x01), false)).toBeNull();
  });
});

describe('stop()', () => {
  it('ends the writes', async () => {
    const reader = scriptedReader(12);
    start(reader);
    await advance(1_000);
    session?.stop();
    const written = reader.writes.length;
    await advance(10_000);
    expect(reader.writes.length).toBe(written);
  });

  it('sends nothing more when stopped the moment an answer arrives (an unplug noticed in the same read)', async () => {
    const reader = scriptedReader(15);
    reader.place();
    start(reader);
    const findAnswerBytes = hex(v.responses.findOk_9F).length;
    let received = 0;
    // Registered after the loop's listener: it runs once the loop has taken the answer.
    reader.port.onData((bytes) => {
      received += bytes.length;
      if (received === findAnswerBytes) session?.stop();
    });
    await advance(2_000);
    expect(received).toBe(findAnswerBytes);
    expect(reader.writes.map((write) => write.step)).toEqual(['find']);
  });

  it('drops a read in flight: its answer, when it comes, gives no card', async () => {
    const reader = scriptedReader(13);
    const { cards, statuses } = start(reader);
    reader.place();
    while (reader.count('read') === 0) await advance(1);
    session?.stop();
    const written = reader.writes.length;
    await advance(5_000);
    expect(reader.writes.length).toBe(written);
    expect(cards).toEqual([]);
    expect(statuses).toEqual([]);
  });
});
