// The station's reader of its site's feed: while the upload settings name a hub and a token, it long-polls
// GET /v1/feed from the mirror's cursor and applies what comes, a slice at a time with a turn of the event loop
// before each, so a desk's scan never waits behind a page. A hub that is down or refuses is tried again with backoff;
// meanwhile the station works alone, as without a hub, and catches up from its cursor when the hub is back.
import { z } from 'zod';
import type { Clock } from '../clock';
import { DEFAULT_BACKOFF, nextWait, retryAfterMs, type BackoffPolicy } from '../upload/backoff';
import { FEED_PATH, feedAnswerSchema } from '../upload/protocol';
import { troubleOfError, uploadTroubleSchema, type UploadTrouble } from '../upload/trouble';
import type { UploadSettingsStore } from '../upload/uploadSettings';
import { verdictOf } from '../upload/verdict';
import { createLoop, type LoopTurn } from '../upload/loop';
import type { Mirror } from './mirror';

export const feedStatusSchema = z.object({
  /** off: no hub (or another platform); reading: in a long poll; waiting: after a failure; refused: the hub refused the token. */
  state: z.enum(['off', 'reading', 'waiting', 'refused']),
  /** When the hub last answered. */
  lastHeardAt: z.string().nullable(),
  trouble: uploadTroubleSchema.nullable(),
});
type FeedStatus = z.output<typeof feedStatusSchema>;

export interface FeedTuning {
  /** Seconds the hub may hold a long poll. */
  waitSeconds?: number;
  backoff?: BackoffPolicy;
  /** Between rounds of sharing the site's sticker keys, run beside the reader (siteFeed.ts); a minute by default. */
  keyShareEveryMs?: number;
}

/** Facts a request asks for, and how many are applied in one transaction. */
const PAGE_LIMIT = 500;
const SLICE = 50;
const OFF_LOOK_MS = 60_000;
const REFUSED_WAIT_MS = 5 * 60_000;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function createFeedClient(mirror: Mirror, settings: UploadSettingsStore, clock: Clock, changed: () => void, tuning: FeedTuning = {}) {
  const waitSeconds = tuning.waitSeconds ?? 25;
  const backoff = tuning.backoff ?? DEFAULT_BACKOFF;
  let status: FeedStatus = { state: 'off', lastHeardAt: null, trouble: null };

  function enter(next: Partial<FeedStatus>): void {
    const before = JSON.stringify(status);
    status = { ...status, ...next };
    if (JSON.stringify(status) !== before) changed();
  }


  /** One request; never throws. */
  async function read(endpoint: string, token: string, after: number, stopping: AbortSignal) {
    const url = `${endpoint.replace(/\/+$/, '')}${FEED_PATH}?after=${after}&wait=${waitSeconds}&limit=${PAGE_LIMIT}`;
    const timeoutMs = (waitSeconds + 15) * 1000;
    try {
      const response = await fetch(url, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        redirect: 'manual',
        signal: AbortSignal.any([AbortSignal.timeout(timeoutMs), stopping]),
      });
      const body = await response.text();
      return { kind: 'answered' as const, status: response.status, retryAfter: response.headers.get('retry-after'), body };
    } catch (error) {
      return { kind: 'unreachable' as const, trouble: troubleOfError(error, timeoutMs) };
    }
  }

  /** Applies a page a slice at a time; each slice's cursor is its last fact's position, the page's after the last. */
  async function applyPage(after: number, answer: z.output<typeof feedAnswerSchema>): Promise<void> {
    let from = after;
    for (let start = 0; start < answer.facts.length || start === 0; start += SLICE) {
      await turn();
      const items = answer.facts.slice(start, start + SLICE);
      const last = start + SLICE >= answer.facts.length;
      const to = last ? answer.cursor : items[items.length - 1].seq;
      if (!mirror.apply(from, items, to, answer.stations, clock())) return;
      from = to;
      if (last) return;
    }
  }

  async function run({ running, signal, pause }: LoopTurn): Promise<void> {
    const retryLater = async (trouble: UploadTrouble, attempt: number, retryAfter: string | null) => {
      const wait = nextWait(attempt, retryAfterMs(retryAfter, clock()), backoff);
      enter({ state: 'waiting', trouble });
      await pause(wait);
    };
    let attempts = 0;
    while (running()) {
      await turn();
      const config = settings.settings();
      const token = settings.token();
      // Only the hub serves a feed; another platform's receiver is only uploaded to.
      if (config.endpoint === '' || token === '' || config.adapter !== 'swabdesk') {
        enter({ state: 'off', trouble: null });
        await pause(OFF_LOOK_MS);
        continue;
      }
      const after = mirror.cursor();
      enter({ state: 'reading' });
      const reply = await read(config.endpoint, token, after, signal);
      if (!running()) return;
      if (reply.kind === 'answered' && reply.status === 409) {
        // The hub's feed is not the one this cursor was read from (a new hub database): read it again from 0.
        mirror.reset();
        continue;
      }
      const verdict = verdictOf(reply);
      if (verdict.kind === 'answered') {
        let parsed: ReturnType<typeof feedAnswerSchema.safeParse>;
        try {
          parsed = feedAnswerSchema.safeParse(JSON.parse(verdict.body));
        } catch {
          parsed = feedAnswerSchema.safeParse(undefined);
        }
        if (!parsed.success) {
          await retryLater({ problem: 'unreadable-answer' }, ++attempts, null);
          continue;
        }
        attempts = 0;
        await applyPage(after, parsed.data);
        enter({ state: 'reading', lastHeardAt: clock().toISOString(), trouble: null });
        changed();
        continue;
      }
      if (verdict.kind === 'retry') {
        await retryLater(verdict.trouble, ++attempts, verdict.retryAfter);
        continue;
      }
      // The token or the address is wrong: tried again when the settings change, or after a while.
      enter({ state: 'refused', trouble: verdict.trouble });
      await pause(REFUSED_WAIT_MS);
    }
  }

  const loop = createLoop('The site feed reader', run);
  return {
    start: loop.start,

    /** Ends the long poll in flight and stops; a page being applied finishes its slice. */
    stop: loop.stop,

    /** New settings: read again at once. */
    readNow: loop.wake,

    status: (): FeedStatus => status,
  };
}

export type FeedClient = ReturnType<typeof createFeedClient>;
