// How a long poll of the site feed learns that its site has new facts, in whichever hub process they were stored:
// one connection per process LISTENs on the feed's channel, and each commit that appends to a site's feed NOTIFYs
// with the site's code (delivered at commit, never for a rolled-back batch). While that connection is down, waiting
// readers look again every second, so a feed is never stuck behind a lost notification; once it is back, every
// waiting reader looks again at once, for whatever was committed meanwhile.
import pg from 'pg';
import { logError } from '../core/maintenance/log';
import { FEED_CHANNEL } from './siteFeed';

/** How often a waiting reader looks again while no notification can come. */
const POLL_WHILE_DEAF_MS = 1000;
const RECONNECT_MS = { first: 500, cap: 10_000 };

export interface Wake {
  /** Resolves at the next commit to the site's feed (or within a second while not listening); never rejects. */
  promise: Promise<void>;
  cancel(): void;
}

export function createFeedWaiter(connectionString: string) {
  const waiting = new Map<string, Set<() => void>>();
  let listener: pg.Client | null = null;
  let closed = false;
  let reconnectDelay = RECONNECT_MS.first;
  let reconnectTimer: NodeJS.Timeout | undefined;

  function wakeSite(siteCode: string): void {
    const wakes = waiting.get(siteCode);
    waiting.delete(siteCode);
    for (const wake of wakes ?? []) wake();
  }

  const wakeAll = () => [...waiting.keys()].forEach(wakeSite);

  function lost(client: pg.Client, reason: string): void {
    if (listener !== client) return;
    listener = null;
    logError(`The hub stopped hearing of new facts (${reason}); readers poll until it hears again.`);
    client.end().catch(() => undefined);
    wakeAll();
    scheduleReconnect();
  }

  function scheduleReconnect(): void {
    if (closed) return;
    reconnectTimer = setTimeout(() => {
      listen().catch((error: Error) => {
        logError(`The hub could not listen for new facts: ${error.message}`);
        reconnectDelay = Math.min(reconnectDelay * 2, RECONNECT_MS.cap);
        scheduleReconnect();
      });
    }, reconnectDelay);
    reconnectTimer.unref();
  }

  async function listen(): Promise<void> {
    const client = new pg.Client({ connectionString });
    client.on('notification', (message) => {
      if (message.channel === FEED_CHANNEL && message.payload) wakeSite(message.payload);
    });
    client.on('error', (error) => lost(client, error.message));
    client.on('end', () => lost(client, 'connection ended'));
    try {
      await client.connect();
      await client.query(`LISTEN ${FEED_CHANNEL}`);
    } catch (error) {
      client.end().catch(() => undefined);
      throw error;
    }
    if (closed) {
      await client.end();
      return;
    }
    listener = client;
    reconnectDelay = RECONNECT_MS.first;
    wakeAll();
  }

  return {
    /** Starts listening; the hub does not serve until it can. */
    start: listen,

    next(siteCode: string): Wake {
      let wake!: () => void;
      const promise = new Promise<void>((resolve) => (wake = resolve));
      const wakes = waiting.get(siteCode) ?? new Set();
      wakes.add(wake);
      waiting.set(siteCode, wakes);
      const poll = listener === null ? setTimeout(wake, POLL_WHILE_DEAF_MS) : undefined;
      return {
        promise,
        cancel() {
          clearTimeout(poll);
          waiting.get(siteCode)?.delete(wake);
          if (waiting.get(siteCode)?.size === 0) waiting.delete(siteCode);
        },
      };
    },

    async close(): Promise<void> {
      closed = true;
      clearTimeout(reconnectTimer);
      wakeAll();
      const client = listener;
      listener = null;
      await client?.end();
    },
  };
}

export type FeedWaiter = ReturnType<typeof createFeedWaiter>;
