// The station's side of sharing its site's sticker keys: while the upload settings name a hub (the swabdesk
// protocol) and a token, a round now and then (exchangeRound.ts): at start, whenever the settings are saved, and
// every minute, so a station enrolled later gets the keys soon. Off the desks' path: a round holds no transaction
// but the one that adds each key. A hub that is down is tried again with the uploader's backoff; another platform
// is never asked.
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { RecordFact } from '../facts/record';
import { logError } from '../maintenance/log';
import { DEFAULT_BACKOFF, nextWait, retryAfterMs, type BackoffPolicy } from '../upload/backoff';
import { createLoop, type LoopTurn } from '../upload/loop';
import type { UploadSettingsStore } from '../upload/uploadSettings';
import { createExchangeRound, type RoundOutcome } from './exchangeRound';
import { createSharedKeys } from './sharedKeys';

export interface KeyShareTuning {
  /** Between rounds that went through; a minute by default. */
  everyMs?: number;
  backoff?: BackoffPolicy;
}

const EVERY_MS = 60_000;
const REFUSED_WAIT_MS = 5 * 60_000;

export function createKeyShare(db: Db, clock: Clock, record: RecordFact, settings: UploadSettingsStore, tuning: KeyShareTuning = {}) {
  const everyMs = tuning.everyMs ?? EVERY_MS;
  const backoff = tuning.backoff ?? DEFAULT_BACKOFF;
  const round = createExchangeRound(createSharedKeys(db, clock, record), new Set());

  async function run({ running, signal, pause }: LoopTurn): Promise<void> {
    let attempts = 0;
    while (running()) {
      const config = settings.settings();
      const token = settings.token();
      // Only the hub shares keys; another platform's receiver is only uploaded to.
      if (config.endpoint === '' || token === '' || config.adapter !== 'swabdesk') {
        await pause(everyMs);
        continue;
      }
      let outcome: RoundOutcome;
      try {
        outcome = await round(config.endpoint, token, signal);
      } catch (error) {
        logError(`A round of sharing the site's sticker keys failed: ${(error as Error).message}`);
        outcome = { kind: 'retry', trouble: { problem: 'other' }, retryAfter: null };
      }
      if (outcome.kind === 'done') {
        attempts = 0;
        await pause(everyMs);
      } else if (outcome.kind === 'retry') {
        await pause(nextWait(++attempts, retryAfterMs(outcome.retryAfter, clock()), backoff));
      } else {
        await pause(REFUSED_WAIT_MS);
      }
    }
  }

  const loop = createLoop("Sharing the site's sticker keys", run);
  return {
    start: loop.start,
    /** Ends the request in flight and stops. */
    stop: loop.stop,
    /** New settings: a round at once. */
    now: loop.wake,
  };
}

export type KeyShare = ReturnType<typeof createKeyShare>;
