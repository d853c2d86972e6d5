// The reference receiver's HTTP side: the upload protocol (docs/upload-protocol.md) over a store. Every answer
// but 200 carries { error, message }; a batch's storable facts are stored before 200 is sent, and a fact that can
// never be stored as it is (malformed, or refused by PostgreSQL) is answered "rejected" with its reason.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { batchSchema, FACTS_PATH, factResultSchema, wireFactSchema, type FactResult } from '../core/upload/protocol';
import type { BatchOutcome, StoredFact, Store } from './store';
import { logError } from '../core/maintenance/log';

/** More than a batch of 1000 facts needs; anything larger is answered 413. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** What a station is told to wait when PostgreSQL cannot take the batch. */
const STORE_RETRY_AFTER_SECONDS = 5;
/** The earliest time PostgreSQL reads in ISO form: it has no year 0000. */
const EARLIEST_STORABLE_AT = Date.parse('0001-01-01T00:00:00Z');
const MAX_REASON_LENGTH = factResultSchema.shape.reason.unwrap().maxLength ?? Number.POSITIVE_INFINITY;

const REFUSAL_HEADERS: Partial<Record<number, Record<string, string>>> = {
  503: { 'retry-after': String(STORE_RETRY_AFTER_SECONDS) },
  // The rest of a body too large is not read: the connection closes once the answer is out.
  413: { connection: 'close' },
};

export interface ReceiverOptions {
  store: Store;
  host: string;
  port: number;
  /** PEM certificate and key: HTTPS. Without them plain HTTP, for a receiver behind a TLS proxy or on loopback. */
  tls?: { cert: Buffer; key: Buffer };
}

/** What the receiver has answered since it started: stored and duplicate facts, as GET /v1/health shows. */
interface Counters {
  stored: number;
  duplicates: number;
  rejected: number;
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The request's path; a target that is not a URL (a raw client can send anything there) is refused. */
function requestPath(request: http.IncomingMessage): string {
  try {
    return new URL(request.url ?? '/', 'http://receiver').pathname;
  } catch {
    throw new Refusal(400, 'malformed', 'The request target is not a URL.');
  }
}

function answer(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // The rest is not kept; the 413 is answered and only then is the connection closed, so the station reads
        // it and sends smaller batches instead of the same one again.
        request.off('data', collect);
        reject(new Refusal(413, 'too-large', `A batch may be at most ${MAX_BODY_BYTES} bytes.`));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', collect);
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

const rejected = (factId: string, reason: string): FactResult => ({
  factId,
  status: 'rejected',
  reason: reason.slice(0, MAX_REASON_LENGTH),
});

/** Where a NUL character is (a string or key holding one), as a path; null if there is none. */
function pathToNul(value: unknown): string | null {
  // A loop, not recursion: a fact nested a million deep must not overflow the stack.
  const pending: { value: unknown; path: string }[] = [{ value, path: '' }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value === 'string') {
      if (next.value.includes('\u0000')) return next.path;
    } else if (next.value !== null && typeof next.value === 'object') {
      for (const [key, child] of Object.entries(next.value)) {
        const name = key.replaceAll('\u0000', '\\u0000');
        const path = next.path ? `${next.path}.${name}` : name;
        if (key.includes('\u0000')) return path;
        pending.push({ value: child, path });
      }
    }
  }
  return null;
}

/** Why PostgreSQL could never store this well-formed fact, or null: what it refuses in text, jsonb and timestamptz. */
function unstorable(fact: Record<string, unknown> & { at: string }): string | null {
  const nul = pathToNul(fact);
  if (nul !== null) return `${nul || 'fact'}: holds a NUL character (\\u0000), which PostgreSQL cannot store`;
  if (Date.parse(fact.at) < EARLIEST_STORABLE_AT) return `at: ${fact.at} is before the first time PostgreSQL can hold`;
  return null;
}

/** Checks each fact on its own: a malformed or unstorable one is rejected with its reason, the others go on. */
function sortFacts(facts: readonly unknown[]): { valid: StoredFact[]; results: Map<number, FactResult> } {
  const valid: StoredFact[] = [];
  const results = new Map<number, FactResult>();
  const seen = new Set<string>();
  facts.forEach((raw, index) => {
    const parsed = wireFactSchema.safeParse(raw);
    if (!parsed.success) {
      const factId = typeof (raw as { factId?: unknown })?.factId === 'string' ? (raw as { factId: string }).factId : '';
      const reason = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'fact'}: ${issue.message}`).join('; ');
      results.set(index, rejected(factId, reason));
      return;
    }
    const { factId, kind, at } = parsed.data;
    // The same key twice in one batch is one fact (a rejected copy was not that fact: the next is checked anew).
    if (seen.has(factId)) {
      results.set(index, { factId, status: 'duplicate' });
      return;
    }
    const problem = unstorable(parsed.data);
    if (problem) {
      results.set(index, rejected(factId, problem));
      return;
    }
    let payloadJson: string;
    try {
      payloadJson = JSON.stringify(parsed.data);
    } catch {
      results.set(index, rejected(factId, 'fact: nested too deeply to store'));
      return;
    }
    seen.add(factId);
    valid.push({ factId, kind, at, payloadJson });
  });
  return { valid, results };
}

export function createReceiver(options: ReceiverOptions) {
  const { store } = options;
  const counters: Counters = { stored: 0, duplicates: 0, rejected: 0 };

  async function receiveBatch(request: http.IncomingMessage): Promise<{ results: FactResult[] }> {
    const header = request.headers.authorization ?? '';
    const token = /^Bearer (\S+)$/.exec(header)?.[1];
    if (!token || !(await store.knowsToken(token))) {
      throw new Refusal(401, 'unauthorized', 'A valid bearer token is needed (npm run receiver -- issue-token).');
    }
    if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
      throw new Refusal(415, 'unsupported-media-type', 'A batch is sent as application/json.');
    }
    const text = (await readBody(request)).toString('utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Refusal(400, 'malformed', 'The body is not JSON.');
    }
    const batch = batchSchema.safeParse(json);
    if (!batch.success) throw new Refusal(400, 'malformed', `Not a batch: ${batch.error.issues[0].message}`);
    const senderNul = pathToNul(batch.data.sender);
    if (senderNul !== null) throw new Refusal(400, 'malformed', `Not a batch: sender.${senderNul} holds a NUL character.`);
    const { valid, results } = sortFacts(batch.data.facts);
    let outcome: BatchOutcome;
    try {
      outcome = valid.length > 0 ? await store.storeBatch(batch.data.sender, valid) : { stored: new Set(), refused: new Map() };
    } catch (error) {
      logError(`Could not store a batch: ${(error as Error).message}`);
      throw new Refusal(503, 'store-unavailable', 'The receiver cannot store the batch now; nothing of it was stored.');
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

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    try {
      const path = requestPath(request);
      if (path === '/v1/health' && request.method === 'GET') return answer(response, 200, { ok: true, ...counters });
      if (path !== FACTS_PATH) throw new Refusal(404, 'not-found', `Nothing at ${path}: batches go to ${FACTS_PATH}.`);
      if (request.method !== 'POST') throw new Refusal(405, 'method-not-allowed', `${FACTS_PATH} takes POST.`);
      answer(response, 200, await receiveBatch(request));
    } catch (error) {
      if (error instanceof Refusal) {
        answer(response, error.status, { error: error.code, message: error.message }, REFUSAL_HEADERS[error.status]);
        return;
      }
      logError(`Receiver fault: ${(error as Error).message}`);
      answer(response, 500, { error: 'internal', message: 'The receiver failed; send the batch again.' });
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
          server.on('error', (error) => logError(`The receiver's server failed: ${error.message}`));
          resolve((server.address() as AddressInfo).port);
        });
      });
    },
    counters: (): Counters => ({ ...counters }),
    close(): Promise<void> {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
