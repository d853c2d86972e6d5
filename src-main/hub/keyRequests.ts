// The requests that share a site's sticker keys (docs/hub.md#sharing-the-sites-sticker-keys): a station gives its
// public key, reads its site's other stations' keys, posts the sticker keys it sealed for them and reads those sealed
// for it. Only a token enrolled for a site takes part, bound to its station by its first upload or by giving its
// key: the site and the station are the token's, never the request's word.
import type http from 'node:http';
import type { z } from 'zod';
import {
  SEALED_KEYS_PATH,
  sealedKeysAnswerSchema,
  sealedKeysBodySchema,
  sealedKeysReceivedSchema,
  STATION_KEY_PATH,
  stationKeyAnswerSchema,
  stationKeyBodySchema,
  STATION_KEYS_PATH,
  stationKeysAnswerSchema,
} from '../core/stickerShare/protocol';
import { Refusal } from './refusal';
import { readJsonBody } from './requestBody';
import { peerKeys, putStationKey, sealedFor, storeSealed, type BoundStation } from './stationKeys';
import type { Store } from './store';
import type { TokenHolder } from './tokens';

/** A POST of 1000 sealed keys is about 200 KB of JSON. */
const MAX_KEYS_BODY_BYTES = 512 * 1024;

export const KEY_PATHS: ReadonlySet<string> = new Set([STATION_KEY_PATH, STATION_KEYS_PATH, SEALED_KEYS_PATH]);

const METHODS: Readonly<Record<string, readonly string[]>> = {
  [STATION_KEY_PATH]: ['PUT'],
  [STATION_KEYS_PATH]: ['GET'],
  [SEALED_KEYS_PATH]: ['GET', 'POST'],
};

function siteOf(holder: TokenHolder): string {
  if (holder.siteCode === null) {
    throw new Refusal(403, 'not-enrolled', 'This token has no site, so it shares no sticker keys: enrol the station (npm run hub -- enrol --site CODE).');
  }
  return holder.siteCode;
}

function boundStation(holder: TokenHolder): BoundStation {
  const siteCode = siteOf(holder);
  if (holder.stationId === null) {
    throw new Refusal(403, 'not-bound', `This token is not bound to a station yet: give the station's key first (PUT ${STATION_KEY_PATH}).`);
  }
  return { siteCode, stationId: holder.stationId };
}

async function bodyOf<S extends z.ZodType>(request: http.IncomingMessage, schema: S): Promise<z.output<S>> {
  const parsed = schema.safeParse(await readJsonBody(request, MAX_KEYS_BODY_BYTES, 'The body'));
  if (!parsed.success) throw new Refusal(400, 'malformed', `${parsed.error.issues[0].path.join('.') || 'The body'}: ${parsed.error.issues[0].message}`);
  return parsed.data;
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** Answers a request to one of KEY_PATHS; the token's holder is checked here. */
export async function answerKeyRequest(store: Store, holder: TokenHolder, request: http.IncomingMessage, path: string): Promise<unknown> {
  const { pool } = store;
  const method = request.method ?? '';
  if (!METHODS[path].includes(method)) throw new Refusal(405, 'method-not-allowed', `${path} takes ${METHODS[path].join(' or ')}.`);
  if (path === STATION_KEY_PATH) {
    const siteCode = siteOf(holder);
    const { stationId, publicKey } = await bodyOf(request, stationKeyBodySchema);
    const bound = holder.stationId ?? (await store.bindToStation({ ...holder, siteCode }, stationId));
    if (bound !== stationId.toLowerCase()) throw new Refusal(403, 'wrong-station', 'This token belongs to another station: enrol this one with its own token.');
    const result = await putStationKey(pool, { siteCode, stationId: bound }, publicKey);
    if (result === 'mismatch') {
      throw new Refusal(409, 'key-mismatch', 'This station gave the hub another public key before: a station keeps one keypair for good.');
    }
    return { result } satisfies z.input<typeof stationKeyAnswerSchema>;
  }
  const station = boundStation(holder);
  if (path === STATION_KEYS_PATH) {
    const stations = await peerKeys(pool, station);
    return {
      stations: stations.map((peer) => ({ stationId: peer.stationId, publicKey: base64url(peer.publicKey), holds: peer.holds })),
    } satisfies z.input<typeof stationKeysAnswerSchema>;
  }
  if (method === 'POST') {
    const { keys } = await bodyOf(request, sealedKeysBodySchema);
    if (!(await storeSealed(pool, station, keys))) {
      throw new Refusal(403, 'not-in-site', 'A sealed key is addressed to a station that is not another station of this site with a key at the hub.');
    }
    return { received: keys.length } satisfies z.input<typeof sealedKeysReceivedSchema>;
  }
  const keys = await sealedFor(pool, station);
  return { keys: keys.map((key) => ({ from: key.from, keyId: key.keyId, sealed: base64url(key.sealed) })) } satisfies z.input<typeof sealedKeysAnswerSchema>;
}
