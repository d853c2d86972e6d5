// The card reader session over a port: find (20 01) a few times a second, then select (20 02) and read
// (30 01, or 30 10 with the fingerprint). One read per placement: once a card was read, it is not read again
// until a find has answered "no card" (some readers keep finding a card that stays on them). Only the text of
// a read goes up; the photo and fingerprint are left behind in the answer, which nothing keeps.
import type { CardText } from '../../domain/devices';
import type { DevicePort } from '../ports/port';
import { COMMANDS, createFrameReader, type FrameEvent } from './samFrame';
import { samStatus, type StatusScope } from './samStatus';
import { decodeCardText, TEXT_BLOCK_BYTES } from './textBlock';

export interface CardReaderEvents {
  /** A card placed on the reader, once per placement. */
  card(card: CardText): void;
  /** A problem as a reason id (SAM_STATUSES or READ_LOOP_PROBLEMS), or null once it is over; never repeated. */
  status(problem: string | null): void;
}

export interface CardReaderOptions {
  /** Between finds while all is well. */
  pollMs: number;
  /** For find and select: a command whose answer has not come by then has failed. */
  timeoutMs: number;
  /** For the read, which takes the card about a second to hand over its photo. */
  readTimeoutMs: number;
  /** Each failure in a row doubles the wait before the next find, up to this. */
  maxBackoffMs: number;
  /** Read with 30 10 (text, photo, fingerprint) instead of 30 01; the fingerprint is dropped like the photo. */
  withFingerprint: boolean;
}

export const DEFAULT_CARD_READER_OPTIONS: CardReaderOptions = {
  pollMs: 250,
  timeoutMs: 1000,
  readTimeoutMs: 3000,
  maxBackoffMs: 4000,
  withFingerprint: false,
};

export interface CardReader {
  /** Ends polling; a command in flight and a partial frame are dropped, and no event follows. */
  stop(): void;
}

/** Problems the loop finds itself, beside the reader's status codes (the catalogues word them for the clerk). */
export const READ_LOOP_PROBLEMS = {
  'no-response': { scope: 'reader' },
  'bad-frame': { scope: 'reader' },
  'unexpected-answer': { scope: 'reader' },
  'card-unreadable': { scope: 'card' },
} as const satisfies Record<string, { scope: StatusScope }>;

const FIND_OK = 0x9f;
const OK = 0x90;
const NO_CARD = 0x80;

interface Failure {
  reason: string;
  scope: StatusScope;
}

/** What one find → select → read attempt came to. */
type Outcome = { kind: 'idle' } | { kind: 'card'; card: CardText } | ({ kind: 'failed' } & Failure);

function loopProblem(reason: keyof typeof READ_LOOP_PROBLEMS): Failure {
  return { reason, scope: READ_LOOP_PROBLEMS[reason].scope };
}

/**
 * The text block of a read answer: the lengths (text, photo, and with 30 10 the fingerprint; two bytes each,
 * big-endian), then the parts in that order. Null when the lengths do not add up to the answer.
 */
export function textOfReadAnswer(data: Uint8Array, withFingerprint: boolean): Uint8Array | null {
  const headerBytes = withFingerprint ? 6 : 4;
  if (data.length < headerBytes) return null;
  const lengthAt = (at: number) => (data[at] << 8) | data[at + 1];
  const textBytes = lengthAt(0);
  const otherBytes = lengthAt(2) + (withFingerprint ? lengthAt(4) : 0);
  if (textBytes !== TEXT_BLOCK_BYTES || data.length !== headerBytes + textBytes + otherBytes) return null;
  return data.slice(headerBytes, headerBytes + textBytes);
}

export function startCardReader(port: DevicePort, events: CardReaderEvents, options: Partial<CardReaderOptions> = {}): CardReader {
  const settings = { ...DEFAULT_CARD_READER_OPTIONS, ...options };
  const readCommand = settings.withFingerprint ? COMMANDS.readTextPhotoFingerprint : COMMANDS.readTextPhoto;
  const frames = createFrameReader();
  /** Settles the one command awaiting its answer; frames that come while none waits (late answers) are dropped. */
  let settleAnswer: ((event: FrameEvent | null) => void) | null = null;
  let cancelPause: (() => void) | null = null;
  let stopped = false;
  let shown: Failure | null = null;
  let cardOnReader = false;

  const stopListening = port.onData((bytes) => {
    for (const event of frames.push(bytes)) settleAnswer?.(event);
  });

  /** The answer to a command, or null when it did not come in time (or could not be sent). */
  function send(command: Uint8Array, timeoutMs: number): Promise<FrameEvent | null> {
    if (stopped) return Promise.resolve(null);
    return new Promise((resolve) => {
      const settle = (event: FrameEvent | null): void => {
        if (settleAnswer !== settle) return;
        settleAnswer = null;
        clearTimeout(timer);
        resolve(event);
      };
      const timer = setTimeout(() => settle(null), timeoutMs);
      settleAnswer = settle;
      port.write(command).catch(() => settle(null));
    });
  }

  /** The answer's data when it carries the expected status, else why not. */
  async function exchange(command: Uint8Array, expected: number, timeoutMs: number): Promise<Uint8Array | Failure> {
    const answer = await send(command, timeoutMs);
    if (answer === null) {
      // Whatever part of the answer did come must not be taken for the start of the next one.
      frames.reset();
      return loopProblem('no-response');
    }
    if (answer.kind === 'bad-frame') return loopProblem('bad-frame');
    if (answer.sw3 === expected) return answer.data;
    const status = samStatus(answer.sw3);
    // "No card" is an answer to any step (the card has gone); another success code at the wrong step is not.
    if (status.scope === 'none' && answer.sw3 !== NO_CARD) return loopProblem('unexpected-answer');
    return { reason: status.reason, scope: status.scope };
  }

  /** A card lifted between find and read answers "no card": not a problem, polling goes on. */
  function failedOrGone(failure: Failure): Outcome {
    return failure.scope === 'none' ? { kind: 'idle' } : { kind: 'failed', reason: failure.reason, scope: failure.scope };
  }

  async function attempt(): Promise<Outcome> {
    const found = await exchange(COMMANDS.findCard, FIND_OK, settings.timeoutMs);
    if (!(found instanceof Uint8Array)) {
      if (found.scope === 'none') cardOnReader = false;
      return failedOrGone(found);
    }
    if (cardOnReader) return { kind: 'idle' };
    const selected = await exchange(COMMANDS.selectCard, OK, settings.timeoutMs);
    if (!(selected instanceof Uint8Array)) return failedOrGone(selected);
    const read = await exchange(readCommand, OK, settings.readTimeoutMs);
    if (!(read instanceof Uint8Array)) return failedOrGone(read);
    const text = textOfReadAnswer(read, settings.withFingerprint);
    const card = text === null ? null : decodeCardText(text);
    if (card === null || 'problem' in card) return { kind: 'failed', ...loopProblem('card-unreadable') };
    cardOnReader = true;
    return { kind: 'card', card };
  }

  function show(problem: Failure | null): void {
    // A card listener may have stopped the reader.
    if (stopped || problem?.reason === shown?.reason) return;
    shown = problem && { reason: problem.reason, scope: problem.scope };
    events.status(problem?.reason ?? null);
  }

  /** Hands the outcome up; true when the reader worked. */
  function report(outcome: Outcome): boolean {
    switch (outcome.kind) {
      case 'card':
        events.card(outcome.card);
        show(null);
        return true;
      case 'idle':
        // A reader problem is over once the reader answers; a card problem stays until a card is read.
        if (shown?.scope === 'reader') show(null);
        return true;
      case 'failed':
        show(outcome);
        return false;
    }
  }

  function pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      cancelPause = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async function run(): Promise<void> {
    let failuresInRow = 0;
    while (!stopped) {
      const outcome = await attempt();
      if (stopped) return;
      failuresInRow = report(outcome) ? 0 : failuresInRow + 1;
      await pause(Math.min(settings.pollMs * 2 ** failuresInRow, settings.maxBackoffMs));
    }
  }

  void run();

  return {
    stop() {
      stopped = true;
      stopListening();
      frames.reset();
      settleAnswer?.(null);
      cancelPause?.();
    },
  };
}
