// One round of sharing the site's sticker keys through the hub (docs/hub.md#sharing-the-sites-sticker-keys): tell
// the hub this station's public key (which binds the token, for a PC that never uploaded); seal each of this
// station's own sticker keys for each other station of the site that does not hold it yet, and post them; read the
// keys sealed for this station, open each and keep it. A blob that does not open (altered, relabelled, or not sealed
// for this station) is refused and logged once, naming the sender and the key id only; the rest of the round goes on.
import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { openStickerKey, sealStickerKey } from '../domain/sealedStickerKey';
import { logError } from '../maintenance/log';
import type { Reply } from '../upload/post';
import { troubleOfError, type UploadTrouble } from '../upload/trouble';
import { verdictOf } from '../upload/verdict';
import {
  MAX_SEALED_KEYS,
  SEALED_KEYS_PATH,
  sealedKeysAnswerSchema,
  sealedKeysReceivedSchema,
  STATION_KEY_PATH,
  stationKeyAnswerSchema,
  STATION_KEYS_PATH,
  stationKeysAnswerSchema,
} from './protocol';
import type { SharedKeys } from './sharedKeys';

const TIMEOUT_MS = 15_000;

export type RoundOutcome =
  | { kind: 'done'; added: number }
  /** Down, busy, or an answer it cannot read: tried again with backoff. */
  | { kind: 'retry'; trouble: UploadTrouble; retryAfter: string | null }
  /** The token or the address is wrong: tried again when the settings change, or after a while. */
  | { kind: 'refused'; trouble: UploadTrouble };

class Stop extends Error {
  constructor(readonly outcome: Exclude<RoundOutcome, { kind: 'done' }>) {
    super('the round stopped');
  }
}

async function request(url: string, token: string, method: string, body: unknown, signal: AbortSignal): Promise<Reply> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      redirect: 'manual',
      signal: AbortSignal.any([AbortSignal.timeout(TIMEOUT_MS), signal]),
    });
    return { kind: 'answered', status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.text() };
  } catch (error) {
    return { kind: 'unreachable', trouble: troubleOfError(error, TIMEOUT_MS) };
  }
}

/** The answer's body read with `schema`, or the round stops with what the failure means. */
function answerOf<S extends z.ZodType>(reply: Reply, schema: S): z.output<S> {
  const verdict = verdictOf(reply);
  if (verdict.kind === 'retry') throw new Stop(verdict);
  if (verdict.kind !== 'answered') throw new Stop({ kind: 'refused', trouble: verdict.trouble });
  let json: unknown;
  try {
    json = JSON.parse(verdict.body);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new Stop({ kind: 'retry', trouble: { problem: 'unreadable-answer' }, retryAfter: null });
  return parsed.data;
}

/** `refused`: the blobs refused already (their digests), so that each is logged once while the hub keeps serving it. */
export function createExchangeRound(keys: SharedKeys, refused: Set<string>) {
  return async function round(endpoint: string, token: string, signal: AbortSignal): Promise<RoundOutcome> {
    const at = (path: string) => `${endpoint.replace(/\/+$/, '')}${path}`;
    const me = keys.stationId();
    const pair = keys.keyPair();
    try {
      const ownKey = { stationId: me, publicKey: pair.publicKey.toString('base64url') };
      answerOf(await request(at(STATION_KEY_PATH), token, 'PUT', ownKey, signal), stationKeyAnswerSchema);
      const { stations } = answerOf(await request(at(STATION_KEYS_PATH), token, 'GET', undefined, signal), stationKeysAnswerSchema);
      const own = keys.own();
      const sealed = stations.flatMap((peer) => {
        const missing = own.filter((key) => !peer.holds.includes(key.id));
        try {
          return missing.map((key) => ({
            to: peer.stationId,
            keyId: key.id,
            sealed: sealStickerKey(key.secret, peer.publicKey, { from: me, to: peer.stationId, keyId: key.id }).toString('base64url'),
          }));
        } catch {
          // A public key that makes no shared secret (of low order) is no station's: nothing is sealed for it.
          logError(`The hub gave station ${peer.stationId} a public key no key can be sealed for; none is shared with it.`);
          return [];
        }
      });
      for (let start = 0; start < sealed.length; start += MAX_SEALED_KEYS) {
        answerOf(await request(at(SEALED_KEYS_PATH), token, 'POST', { keys: sealed.slice(start, start + MAX_SEALED_KEYS) }, signal), sealedKeysReceivedSchema);
      }
      const { keys: forMe } = answerOf(await request(at(SEALED_KEYS_PATH), token, 'GET', undefined, signal), sealedKeysAnswerSchema);
      let added = 0;
      for (const { from, keyId, sealed: blob } of forMe) {
        const digest = createHash('sha256').update(blob).digest('hex');
        if (keys.holds(keyId) || refused.has(digest)) continue;
        const secret = openStickerKey(blob, pair, { from, to: me, keyId });
        if (!secret) {
          refused.add(digest);
          logError(`A sticker key sealed for this station by station ${from} (key ${keyId}) does not open: altered, or not sealed for this station. Refused.`);
          continue;
        }
        if (keys.add({ id: keyId, secret }, from)) added += 1;
      }
      return { kind: 'done', added };
    } catch (error) {
      if (error instanceof Stop) return error.outcome;
      throw error;
    }
  };
}
