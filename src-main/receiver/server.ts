// The reference receiver's HTTP side: the upload protocol (docs/upload-protocol.md) over a store. Every answer
// but 200 carries { error, message }; a batch is stored whole or not at all before 200 is sent.
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { batchSchema, FACTS_PATH, wireFactSchema, type FactResult } from '../core/upload/protocol';
import type { StoredFact, Store } from './store';
import { logError } from '../core/maintenance/log';

/** More than a batch of 1000 facts needs; anything larger is answered 413. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** What a station is told to wait when PostgreSQL cannot take the batch. */
const STORE_RETRY_AFTER_SECONDS = 5;

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

function answer(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Refusal(413, 'too-large', `A batch may be at most ${MAX_BODY_BYTES} bytes.`));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** Checks each fact on its own: a malformed one is rejected with its reason, the others go on. */
function sortFacts(facts: readonly unknown[]): { valid: StoredFact[]; results: Map<number, FactResult> } {
  const valid: StoredFact[] = [];
  const results = new Map<number, FactResult>();
  const seen = new Set<string>();
  facts.forEach((raw, index) => {
    const parsed = wireFactSchema.safeParse(raw);
    if (!parsed.success) {
      const factId = typeof (raw as { factId?: unknown })?.factId === 'string' ? (raw as { factId: string }).factId : '';
      const reason = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'fact'}: ${issue.message}`).join('; ');
      results.set(index, { factId, status: 'rejected', reason });
      return;
    }
    const { factId, kind, at } = parsed.data;
    // The same key twice in one batch is one fact.
    if (seen.has(factId)) {
      results.set(index, { factId, status: 'duplicate' });
      return;
    }
    seen.add(factId);
    valid.push({ factId, kind, at, payload: parsed.data });
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
    const { valid, results } = sortFacts(batch.data.facts);
    let storedNow: Set<string>;
    try {
      storedNow = valid.length > 0 ? await store.storeBatch(batch.data.sender, valid) : new Set();
    } catch (error) {
      logError(`Could not store a batch: ${(error as Error).message}`);
      throw new Refusal(503, 'store-unavailable', 'The receiver cannot store the batch now; nothing of it was stored.');
    }
    const ordered = batch.data.facts.map((_, index): FactResult => {
      const known = results.get(index);
      if (known) return known;
      const factId = (batch.data.facts[index] as { factId: string }).factId;
      return { factId, status: storedNow.has(factId) ? 'stored' : 'duplicate' };
    });
    for (const result of ordered) {
      if (result.status === 'stored') counters.stored += 1;
      else if (result.status === 'duplicate') counters.duplicates += 1;
      else counters.rejected += 1;
    }
    return { results: ordered };
  }

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://receiver').pathname;
    try {
      if (path === '/v1/health' && request.method === 'GET') return answer(response, 200, { ok: true, ...counters });
      if (path !== FACTS_PATH) throw new Refusal(404, 'not-found', `Nothing at ${path}: batches go to ${FACTS_PATH}.`);
      if (request.method !== 'POST') throw new Refusal(405, 'method-not-allowed', `${FACTS_PATH} takes POST.`);
      answer(response, 200, await receiveBatch(request));
    } catch (error) {
      if (error instanceof Refusal) {
        const retry = error.status === 503 ? { 'retry-after': String(STORE_RETRY_AFTER_SECONDS) } : undefined;
        answer(response, error.status, { error: error.code, message: error.message }, retry);
        return;
      }
      logError(`Receiver fault: ${(error as Error).message}`);
      answer(response, 500, { error: 'internal', message: 'The receiver failed; send the batch again.' });
    }
  }

  const server = options.tls
    ? https.createServer({ cert: options.tls.cert, key: options.tls.key }, (req, res) => void handle(req, res))
    : http.createServer((req, res) => void handle(req, res));

  return {
    listen(): Promise<number> {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(options.port, options.host, () => resolve((server.address() as AddressInfo).port));
      });
    },
    counters: (): Counters => ({ ...counters }),
    close(): Promise<void> {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
