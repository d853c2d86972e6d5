// The hub's three paths for sharing a site's sticker keys (docs/hub.md#sharing-the-sites-sticker-keys), one schema
// per body, read by the hub and the station alike. Keys and blobs travel as base64url. Whose keys they are is the
// token's binding, never a request's word: the station's id is sent once, to bind a token no upload has bound yet.
import { z } from 'zod';
import { SEALED_KEY_BYTES } from '../domain/sealedStickerKey';
import { uuidSchema } from '../upload/protocol';

/** PUT: this station's public key (and its id, which binds a token no upload has bound yet). */
export const STATION_KEY_PATH = '/v1/station-key';
/** GET: the public keys of the site's other stations. */
export const STATION_KEYS_PATH = '/v1/station-keys';
/** POST: sticker keys sealed for other stations of the site; GET: those sealed for this one. */
export const SEALED_KEYS_PATH = '/v1/sealed-keys';

/** At most this many sealed keys in one POST. */
export const MAX_SEALED_KEYS = 1000;

const base64url = z
  .string()
  .regex(/^[A-Za-z0-9_-]+$/, 'base64url')
  .transform((text) => Buffer.from(text, 'base64url'));
const bytes = (length: number) => base64url.refine((decoded) => decoded.length === length, `${length} bytes`);

export const publicKeySchema = bytes(32);
export const sealedKeySchema = bytes(SEALED_KEY_BYTES);
export const stickerKeyIdSchema = z.string().regex(/^[0-9a-f]{8}$/, '8 lowercase hex digits');

export const stationKeyBodySchema = z.strictObject({ stationId: uuidSchema, publicKey: publicKeySchema });
/** stored: new at the hub; kept: the hub held the same key already. */
export const stationKeyAnswerSchema = z.object({ result: z.enum(['stored', 'kept']) });

export const stationKeysAnswerSchema = z.object({
  stations: z.array(
    z.object({
      stationId: uuidSchema,
      publicKey: publicKeySchema,
      /** The ids of the asking station's keys this station already holds sealed from it. */
      holds: z.array(stickerKeyIdSchema),
    }),
  ),
});

export const sealedKeysBodySchema = z.strictObject({
  keys: z.array(z.strictObject({ to: uuidSchema, keyId: stickerKeyIdSchema, sealed: sealedKeySchema })).min(1).max(MAX_SEALED_KEYS),
});

/** A blob of the wrong length is the station's to refuse, as it refuses any altered one: the rest still open. */
/** How many sealed keys the POST carried; each (recipient, key id) is kept once, as first posted. */
export const sealedKeysReceivedSchema = z.object({ received: z.number().int().min(1) });

export const sealedKeysAnswerSchema = z.object({
  keys: z.array(z.object({ from: uuidSchema, keyId: stickerKeyIdSchema, sealed: base64url })),
});
