// The uploader: drains the outbox to the platform in batches, one request at a time, off the path of any scan.
// A fact leaves the queue only when the platform acknowledged it; a crash between that answer and the local mark
// only means the batch is sent again, and the platform answers "duplicate" for keys it holds already.
import { z } from 'zod';
import type { Clock } from '../clock';
import { adapterFor, type Adapter } from './adapters/adapter';
import { DEFAULT_BACKOFF, nextWait, retryAfterMs, type BackoffPolicy } from './backoff';
import type { OutboxQueue, Settlement } from './outboxQueue';
import type { OutboxFact, Sender } from './outboxFact';
import { post } from './post';
import { createPause } from './pause';
import { heldReason, type UploadTrouble } from './trouble';
import type { UploadSettingsStore } from './uploadSettings';
import { verdictOf, type Verdict } from './verdict';
import { logError } from '../maintenance/log';

export const uploaderStatusSchema = z.object({
  state: z.enum(['off', 'idle', 'sending', 'waiting', 'halted']),
  /** When the next attempt is due, while waiting after a failure or halted. */
  nextAttemptAt: z.string().nullable(),
  /** Facts the platform acknowledged per minute, over the last five minutes. */
  ratePerMinute: z.number(),
});
type UploaderStatus = z.output<typeof uploaderStatusSchema>;
type UploadState = UploaderStatus['state'];

export interface UploaderOptions {
  queue: OutboxQueue;
  settings: UploadSettingsStore;
  /** Who sends the batch of `batchSize` facts, with what the station has left to send behind it. */
  sender: (batchSize: number) => Sender;
  clock: Clock;
  /** Called when the status or the outbox changed, for the windows that show them. */
  changed: () => void;
  timeoutMs?: number;
  backoff?: BackoffPolicy;
  random?: () => number;
}

/** How long a station without an endpoint waits before looking at its settings again (saving them wakes it). */
const OFF_LOOK_MS = 60_000;
/** How long a halted uploader waits before trying the platform again by itself. */
const HALT_WAIT_MS = 5 * 60_000;
const RATE_WINDOW_MS = 5 * 60_000;

/** Lets everything already waiting on the event loop (a scan's call, a window's message) run first. */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Acknowledged facts marked sent in one transaction, so that a large batch's answer does not hold the desks' thread
 * for one long write. A crash between two slices only means the rest is sent again and answered "duplicate".
 */
const SETTLE_SLICE = 200;

export function createUploader(options: UploaderOptions) {
  const { queue, settings, clock, changed } = options;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const backoff = options.backoff ?? DEFAULT_BACKOFF;

  let running = false;
  let loop: Promise<void> | null = null;
  let state: UploadState = 'off';
  let nextAttemptAt: Date | null = null;
  const { pause, wake } = createPause(() => running);
  const acknowledgements: { at: number; count: number }[] = [];

  function enter(next: UploadState, waitMs: number | null = null): void {
    const due = waitMs === null ? null : new Date(clock().getTime() + waitMs);
    if (next === state && due?.getTime() === nextAttemptAt?.getTime()) return;
    state = next;
    nextAttemptAt = due;
    changed();
  }


  function failed(trouble: UploadTrouble): void {
    try {
      queue.noteError(trouble);
    } catch (error) {
      // Nothing of a fact depends on this note: a full disk must not stop the uploader.
      logError(`Could not note the upload error: ${(error as Error).message}`);
    }
  }

  async function attempt(
    facts: readonly OutboxFact[],
    endpoint: string,
    adapter: Adapter,
  ): Promise<{ verdict: Verdict; nothingToSend: boolean }> {
    const body = adapter.body(facts, options.sender(facts.length));
    if (body === null) return { verdict: { kind: 'answered', body: '' }, nothingToSend: true };
    const headers: Record<string, string> = { 'content-type': adapter.contentType, accept: 'application/json' };
    const token = settings.token();
    if (token) headers.authorization = `Bearer ${token}`;
    const reply = await post(adapter.url(endpoint), body, headers, timeoutMs);
    const verdict = verdictOf(reply);
    if (verdict.kind === 'halt' && reply.kind === 'answered' && adapter.blamesBatch(reply.status, reply.body)) {
      return { verdict: { kind: 'refused', trouble: verdict.trouble }, nothingToSend: false };
    }
    return { verdict, nothingToSend: false };
  }

  /** Applies an answer a slice at a time, each its own transaction with a turn before it; returns how many moved. */
  async function settle({ acknowledged, held }: Settlement): Promise<number> {
    let moved = 0;
    for (let from = 0; from < acknowledged.length; from += SETTLE_SLICE) {
      await turn();
      moved += queue.settle({ acknowledged: acknowledged.slice(from, from + SETTLE_SLICE), held: [] });
    }
    if (held.length > 0) moved += queue.settle({ acknowledged: [], held });
    return moved;
  }

  async function run(): Promise<void> {
    let attempts = 0;
    // Shrinks after a refusal or a 413 to find what the platform will take, and grows back after each success.
    let limit = Number.POSITIVE_INFINITY;
    while (running) {
      // Each step (settle the last answer, read the next batch, build its body) gets a turn of its own, so a scan
      // arriving meanwhile waits for one step at most, not for all three.
      await turn();
      const config = settings.settings();
      if (config.endpoint === '') {
        enter('off');
        await pause(OFF_LOOK_MS);
        continue;
      }
      const facts = queue.next(Math.max(1, Math.min(config.batchSize, limit)));
      if (facts.length === 0) {
        enter('idle');
        await pause(config.intervalSeconds * 1000);
        continue;
      }
      // The batch is sent and its answer read by the adapter of the settings it was read under.
      const adapter = adapterFor(config);
      enter('sending');
      await turn();
      const { verdict, nothingToSend } = await attempt(facts, config.endpoint, adapter);

      if (verdict.kind === 'answered') {
        const results = nothingToSend
          ? facts.map((fact) => ({ factId: fact.factId, status: 'stored' as const }))
          : adapter.results(facts, verdict.body);
        const sent = new Set(facts.map((fact) => fact.factId));
        const mine = (results ?? []).filter((result) => sent.has(result.factId));
        const acknowledged = mine.filter((r) => r.status !== 'rejected').map((r) => r.factId);
        const held = mine.flatMap((r) => (r.status === 'rejected' ? [{ factId: r.factId, reason: r.reason ?? 'rejected' }] : []));
        const moved = await settle({ acknowledged, held });
        if (held.length > 0) failed({ problem: 'facts-refused', count: held.length, of: facts.length, detail: held[0].reason });
        if (moved > 0) {
          attempts = 0;
          limit = Math.min(config.batchSize, limit * 2);
          acknowledgements.push({ at: clock().getTime(), count: acknowledged.length });
          changed();
          continue;
        }
        // An answer that settles nothing (unreadable, or about other keys) must not turn into a tight loop.
        const trouble: UploadTrouble = { problem: results === null ? 'unreadable-answer' : 'nothing-acknowledged' };
        await retryLater({ kind: 'retry', trouble, retryAfter: null }, ++attempts);
        continue;
      }
      if (verdict.kind === 'retry') {
        await retryLater(verdict, ++attempts);
        continue;
      }
      if (verdict.kind === 'halt') {
        failed(verdict.trouble);
        enter('halted', HALT_WAIT_MS);
        await pause(HALT_WAIT_MS);
        continue;
      }
      // Refused or too large: halve the batch until the fact to blame is alone, then hold it for a person.
      if (facts.length > 1) {
        limit = Math.ceil(facts.length / 2);
        continue;
      }
      failed(verdict.trouble);
      queue.settle({ acknowledged: [], held: [{ factId: facts[0].factId, reason: heldReason(verdict.trouble) }] });
      changed();
    }
  }

  async function retryLater(verdict: Extract<Verdict, { kind: 'retry' }>, attemptNumber: number): Promise<void> {
    failed(verdict.trouble);
    const wait = nextWait(attemptNumber, retryAfterMs(verdict.retryAfter, clock()), backoff, options.random);
    enter('waiting', wait);
    await pause(wait);
  }

  return {
    start(): void {
      if (running) return;
      running = true;
      loop = run().catch((error: unknown) => {
        // Closing the station under a request in flight ends it here: that batch is simply sent again next time.
        if (!running) return;
        running = false;
        logError(`The uploader stopped: ${(error as Error).message}`);
      });
    },

    /** Stops after the request in flight, whose answer is still applied. */
    async stop(): Promise<void> {
      running = false;
      wake();
      await loop;
      loop = null;
    },

    /** Tries now: after a failure, after a halt, or to look at the outbox before the interval is up. */
    sendNow(): void {
      wake();
    },

    status(): UploaderStatus {
      const now = clock().getTime();
      while (acknowledgements.length > 0 && acknowledgements[0].at < now - RATE_WINDOW_MS) acknowledgements.shift();
      const acknowledged = acknowledgements.reduce((sum, entry) => sum + entry.count, 0);
      return {
        state,
        nextAttemptAt: nextAttemptAt?.toISOString() ?? null,
        ratePerMinute: Math.round((acknowledged / (RATE_WINDOW_MS / 60_000)) * 10) / 10,
      };
    },
  };
}
