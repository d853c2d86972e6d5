// The hub's HTTP side: the upload protocol (docs/upload-protocol.md), the site feed and the sharing of sticker keys
// (docs/hub.md) over a store.
// Every answer but 200 carries { error, message }; a batch's storable facts are stored before 200 is sent, and a
// fact that can never be stored as it is (malformed, or refused by PostgreSQL) is answered "rejected" with its
// reason.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { batchSchema, FACTS_PATH, FEED_PATH, type FactResult } from '../core/upload/protocol';
import { logError } from '../core/maintenance/log';
import { pathToNul, rejected, sortFacts } from './batchChecks';
import { feedQuery, readSiteFeed } from './feedRequest';
import { answerKeyRequest, KEY_PATHS } from './keyRequests';
import type { FeedWaiter } from './feedWaiter';
import { Refusal } from './refusal';
import { readJsonBody } from './requestBody';
import { consoleApi, type ConsoleAnswer } from './console/api';
import { CONSOLE_API } from './console/schemas';
import { createSignInLimit } from './console/signInLimit';
import { SECURITY_HEADERS, serveStatic } from '../station/static';
import { WrongStation, type BatchOutcome, type Store } from './store';
import type { TokenHolder } from './tokens';

/** More than a batch of 1000 facts needs; anything larger is answered 413. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** What a station is told to wait when PostgreSQL cannot take the batch or read the feed. */
const STORE_RETRY_AFTER_SECONDS = 5;
const HEALTH_PATH = '/v1/health';
const CONSOLE_PAGE = '/console/';

const REFUSAL_HEADERS: Partial<Record<number, Record<string, string>>> = {
  503: { 'retry-after': String(STORE_RETRY_AFTER_SECONDS) },
  // The rest of a body too large is not read: the connection closes once the answer is out.
  413: { connection: 'close' },
};

export interface HubOptions {
  store: Store;
  feedWaiter: FeedWaiter;
  host: string;
  port: number;
  /** PEM certificate and key: HTTPS. Without them plain HTTP, for a hub behind a TLS proxy or on loopback. */
  tls?: { cert: Buffer; key: Buffer };
  /** The built renderer (out/renderer), whose console page the hub serves at /console/; without it, no page. */
  rendererDir?: string;
}

/** What the hub has answered since it started, as GET /v1/health shows (with the long polls waiting now). */
interface Counters {
  stored: number;
  duplicates: number;
  rejected: number;
}

/** The request's URL; a target that is not a URL (a raw client can send anything there) is refused. */
function requestUrl(request: http.IncomingMessage): URL {
  try {
    return new URL(request.url ?? '/', 'http://hub');
  } catch {
    throw new Refusal(400, 'malformed', 'The request target is not a URL.');
  }
}

function answer(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  // A reader that went away mid long poll has nobody to answer.
  if (response.destroyed) return;
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** PostgreSQL could not answer: nothing was stored, and the station tries again. */
async function orUnavailable<T>(work: Promise<T>, what: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof Refusal || error instanceof WrongStation) throw error;
    logError(`Could not ${what}: ${(error as Error).message}`);
    throw new Refusal(503, 'store-unavailable', `The hub cannot ${what} now; nothing of it was stored. Try again.`);
  }
}

export function createHub(options: HubOptions) {
  const { store, feedWaiter } = options;
  const counters: Counters = { stored: 0, duplicates: 0, rejected: 0 };
  const waiting = { readers: 0 };
  // Ends every long poll when the hub stops.
  const closing = new AbortController();

  async function holderOf(request: http.IncomingMessage): Promise<TokenHolder> {
    const token = /^Bearer (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
    const holder = token ? await orUnavailable(store.authenticate(token), 'check the token') : null;
    if (!holder) throw new Refusal(401, 'unauthorized', 'A valid bearer token is needed (npm run hub -- enrol).');
    return holder;
  }

  async function receiveBatch(request: http.IncomingMessage): Promise<{ results: FactResult[] }> {
    const holder = await holderOf(request);
    const batch = batchSchema.safeParse(await readJsonBody(request, MAX_BODY_BYTES, 'A batch'));
    if (!batch.success) throw new Refusal(400, 'malformed', `Not a batch: ${batch.error.issues[0].message}`);
    const { sender } = batch.data;
    const senderNul = pathToNul(sender);
    if (senderNul !== null) throw new Refusal(400, 'malformed', `Not a batch: sender.${senderNul} holds a NUL character.`);
    // The token decides the site: a station that says another is set up wrong, and is told so rather than filed
    // under a site it does not belong to.
    if (holder.siteCode !== null && sender.siteCode !== holder.siteCode) {
      throw new Refusal(
        403,
        'wrong-site',
        `This token is enrolled for site ${holder.siteCode}, and the station says it is site "${sender.siteCode}": set the station's site code to ${holder.siteCode}.`,
      );
    }
    if (holder.stationId !== null && sender.stationId.toLowerCase() !== holder.stationId) {
      throw new Refusal(403, 'wrong-station', 'This token belongs to another station: enrol this one with its own token.');
    }
    const { valid, results } = sortFacts(batch.data.facts);
    let outcome: BatchOutcome;
    try {
      outcome =
        valid.length > 0 ? await orUnavailable(store.storeBatch(holder, sender, valid), 'store the batch') : { stored: new Set(), refused: new Map() };
    } catch (error) {
      if (error instanceof WrongStation) throw new Refusal(403, 'wrong-station', error.message);
      throw error;
    }
    const ordered = batch.data.facts.map((_, index): FactResult => {
      const known = results.get(index);
      if (known) return known;
      const factId = (batch.data.facts[index] as { factId: string }).factId;
      const refusal = outcome.refused.get(factId);
      if (refusal !== undefined) return rejected(factId, refusal);
      return { factId, status: outcome.stored.has(factId) ? 'stored' : 'duplicate' };
    });
    for (const result of ordered) {
      if (result.status === 'stored') counters.stored += 1;
      else if (result.status === 'duplicate') counters.duplicates += 1;
      else counters.rejected += 1;
    }
    return { results: ordered };
  }

  async function serveFeed(request: http.IncomingMessage, response: http.ServerResponse, url: URL) {
    const gone = new AbortController();
    // Before the answer, a closed response means the reader hung up: its long poll ends.
    response.once('close', () => gone.abort());
    const holder = await holderOf(request);
    const query = feedQuery(url.searchParams);
    return orUnavailable(readSiteFeed(store, feedWaiter, holder, query, AbortSignal.any([gone.signal, closing.signal]), waiting), 'read the feed');
  }

  const consoleContext = { pool: store.pool, limit: createSignInLimit(), secure: options.tls !== undefined };

  /** The console's page and its scripts and styles (built with base './', they sit at /assets/); false if not one. */
  function servePage(request: http.IncomingMessage, response: http.ServerResponse, path: string): boolean {
    if (path === CONSOLE_PAGE.slice(0, -1)) {
      response.writeHead(308, { location: CONSOLE_PAGE, ...SECURITY_HEADERS }).end();
      return true;
    }
    if (path !== CONSOLE_PAGE && !path.startsWith('/assets/')) return false;
    if (!options.rendererDir) throw new Refusal(404, 'not-found', 'This hub was started without the console page (npm run build).');
    serveStatic(options.rendererDir, request, response);
    return true;
  }

  function answerConsole(response: http.ServerResponse, { status, body, headers }: ConsoleAnswer): void {
    answer(response, status, body, { 'cache-control': 'no-store', ...SECURITY_HEADERS, ...headers });
  }

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    // A connection that fails while the request is read or the answer written ends that request alone.
    const failed = (error: Error) => logError(`A hub connection failed: ${error.message}`);
    request.on('error', failed);
    response.on('error', failed);
    try {
      const url = requestUrl(request);
      const path = url.pathname;
      if (path.startsWith(`${CONSOLE_API}/`)) return answerConsole(response, await orUnavailable(consoleApi(consoleContext, request, url), 'answer the console'));
      if (servePage(request, response, path)) return;
      if (path === HEALTH_PATH && request.method === 'GET') return answer(response, 200, { ok: true, ...counters, waitingReaders: waiting.readers });
      if (path === FEED_PATH) {
        if (request.method !== 'GET') throw new Refusal(405, 'method-not-allowed', `${FEED_PATH} takes GET.`);
        return answer(response, 200, await serveFeed(request, response, url));
      }
      if (KEY_PATHS.has(path)) {
        const holder = await holderOf(request);
        return answer(response, 200, await orUnavailable(answerKeyRequest(store, holder, request, path), 'share sticker keys'));
      }
      if (path !== FACTS_PATH) throw new Refusal(404, 'not-found', `Nothing at ${path}: batches go to ${FACTS_PATH}, the feed is at ${FEED_PATH}.`);
      if (request.method !== 'POST') throw new Refusal(405, 'method-not-allowed', `${FACTS_PATH} takes POST.`);
      answer(response, 200, await receiveBatch(request));
    } catch (error) {
      if (error instanceof Refusal) {
        answer(response, error.status, { error: error.code, message: error.message }, REFUSAL_HEADERS[error.status]);
        return;
      }
      logError(`Hub fault: ${(error as Error).message}`);
      answer(response, 500, { error: 'internal', message: 'The hub failed; send the request again.' });
    }
  }

  const server = options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, (req, res) => void handle(req, res))
    : http.createServer((req, res) => void handle(req, res));
  // What Node's HTTP parser refuses (a malformed request line or header, a reset mid-request) ends that
  // connection alone.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    logError(`Dropped a malformed or broken HTTP connection: ${error.code ?? error.message}`);
    if (socket.writable && error.code !== 'ECONNRESET') socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  return {
    listen(): Promise<number> {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host, () => {
          server.off('error', reject);
          server.on('error', (error) => logError(`The hub's server failed: ${error.message}`));
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    counters: (): Counters => ({ ...counters }),
    close(): Promise<void> {
      closing.abort();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
