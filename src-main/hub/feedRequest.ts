// GET /v1/feed?after=CURSOR&wait=SECONDS&limit=N: the facts of the other stations of the token's site after the
// cursor, in the hub's commit order. With nothing new it waits up to `wait` seconds and answers as soon as the
// site's feed moves; a feed that moved only by the reader's own facts is answered at once with the cursor past them.
import { z } from 'zod';
import type { FeedWaiter } from './feedWaiter';
import { Refusal } from './refusal';
import type { FeedItem, FeedStation } from './siteFeed';
import type { Store } from './store';
import type { TokenHolder } from './tokens';

export const MAX_WAIT_SECONDS = 60;
export const MAX_FEED_LIMIT = 1000;
const DEFAULT_FEED_LIMIT = 500;

const wholeNumber = (max: number, what: string) =>
  z
    .string()
    .regex(/^\d{1,15}$/, `${what}: a whole number`)
    .transform(Number)
    .refine((n) => n <= max, `${what}: at most ${max}`);

const feedQuerySchema = z.strictObject({
  after: wholeNumber(Number.MAX_SAFE_INTEGER, 'after').optional(),
  wait: wholeNumber(MAX_WAIT_SECONDS, 'wait').optional(),
  limit: wholeNumber(MAX_FEED_LIMIT, 'limit')
    .refine((n) => n >= 1, 'limit: at least 1')
    .optional(),
});

type FeedQuery = { after: number; wait: number; limit: number };

export function feedQuery(params: URLSearchParams): FeedQuery {
  const entries = [...params];
  const repeated = entries.find(([name], index) => entries.findIndex(([other]) => other === name) !== index);
  if (repeated) throw new Refusal(400, 'malformed', `${repeated[0]} is given more than once.`);
  const parsed = feedQuerySchema.safeParse(Object.fromEntries(entries));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const message = issue.code === 'unrecognized_keys' ? `Unknown parameter ${issue.keys.join(', ')}: the feed takes after, wait and limit.` : issue.message;
    throw new Refusal(400, 'malformed', message);
  }
  return { after: parsed.data.after ?? 0, wait: parsed.data.wait ?? 0, limit: parsed.data.limit ?? DEFAULT_FEED_LIMIT };
}

/** Resolves when woken, after `ms`, or when the reader is gone, whichever comes first. */
function waitUntil(woken: Promise<void>, ms: number, gone: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      gone.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    gone.addEventListener('abort', done, { once: true });
    void woken.then(done);
  });
}

export async function readSiteFeed(
  store: Store,
  waiter: FeedWaiter,
  holder: TokenHolder,
  query: FeedQuery,
  gone: AbortSignal,
  /** Long polls waiting now, for GET /v1/health. */
  waiting: { readers: number },
): Promise<{ cursor: number; facts: FeedItem[]; stations: FeedStation[] }> {
  const siteCode = holder.siteCode;
  if (siteCode === null) {
    throw new Refusal(403, 'not-enrolled', 'This token has no site, so it reads no feed: enrol the station (npm run hub -- enrol --site CODE).');
  }
  const deadline = Date.now() + query.wait * 1000;
  for (;;) {
    // Listening before reading: a commit between the read and the wait still wakes it.
    const wake = waiter.next(siteCode);
    try {
      const { head, items, stations } = await store.readFeed({ ...holder, siteCode }, query.after, query.limit);
      if (query.after > head) {
        throw new Refusal(409, 'cursor-ahead', `The cursor ${query.after} is past the end of this site's feed (${head}): read it again from 0.`);
      }
      const cursor = items.length === query.limit ? items[items.length - 1].seq : head;
      const remaining = deadline - Date.now();
      if (cursor > query.after || remaining <= 0 || gone.aborted) return { cursor, facts: items, stations };
      waiting.readers += 1;
      try {
        await waitUntil(wake.promise, remaining, gone);
      } finally {
        waiting.readers -= 1;
      }
    } finally {
      wake.cancel();
    }
  }
}
