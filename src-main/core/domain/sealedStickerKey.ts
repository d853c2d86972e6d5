// A sticker key sealed for one other station of the site, so that the hub that carries it never holds it in the
// clear. Ephemeral-static X25519: a fresh keypair per seal, agreed with the recipient's public key; HKDF-SHA256 of
// the shared secret (salt: both public keys) under a context naming the sender, the recipient and the key's id
// makes the AES-256-GCM key, with a fresh nonce and the same context as associated data. So a blob opens only at the
// station it was sealed for, and only as the key it was sealed as: a hub that relabels it (another sender, another
// key id) or alters a byte makes it refuse to open.
//
//   sealed = ephemeral public key (32) | nonce (12) | ciphertext (32) | GCM tag (16)
import {
  createCipheriv,
  createDecipheriv,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

/** A station's key-encryption keypair, raw: 32 bytes each. */
export interface StationKeyPair {
  publicKey: Buffer;
  privateKey: Buffer;
}

/** Who seals a key for whom: station UUIDs, and the sticker key's 8-hex-digit id. */
export interface SealContext {
  from: string;
  to: string;
  keyId: string;
}

const PUBLIC_BYTES = 32;
const NONCE_BYTES = 12;
const SECRET_BYTES = 32;
const TAG_BYTES = 16;
export const SEALED_KEY_BYTES = PUBLIC_BYTES + NONCE_BYTES + SECRET_BYTES + TAG_BYTES;

const publicKeyOf = (raw: Buffer): KeyObject =>
  createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: raw.toString('base64url') }, format: 'jwk' });

const privateKeyOf = (pair: StationKeyPair): KeyObject =>
  createPrivateKey({
    key: { kty: 'OKP', crv: 'X25519', x: pair.publicKey.toString('base64url'), d: pair.privateKey.toString('base64url') },
    format: 'jwk',
  });

function rawOf(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  return Buffer.from(key.type === 'private' ? jwk.d! : jwk.x!, 'base64url');
}

export function newStationKeyPair(): StationKeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  return { publicKey: rawOf(publicKey), privateKey: rawOf(privateKey) };
}

const contextOf = ({ from, to, keyId }: SealContext) =>
  Buffer.from(['swabdesk sticker key 1', `from ${from.toLowerCase()}`, `to ${to.toLowerCase()}`, `key ${keyId}`].join('\u0000'), 'utf8');

function wrappingKey(shared: Buffer, ephemeralPublic: Buffer, recipientPublic: Buffer, context: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeralPublic, recipientPublic]), context, 32));
}

/** Seals a sticker key's 32-byte secret for the station whose public key this is. */
export function sealStickerKey(secret: Buffer, recipientPublicKey: Buffer, context: SealContext): Buffer {
  if (secret.length !== SECRET_BYTES) throw new Error('a sticker key is 32 bytes');
  const ephemeral = generateKeyPairSync('x25519');
  const ephemeralPublic = rawOf(ephemeral.publicKey);
  const shared = diffieHellman({ privateKey: ephemeral.privateKey, publicKey: publicKeyOf(recipientPublicKey) });
  const info = contextOf(context);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', wrappingKey(shared, ephemeralPublic, recipientPublicKey, info), nonce, { authTagLength: TAG_BYTES });
  cipher.setAAD(info);
  return Buffer.concat([ephemeralPublic, nonce, cipher.update(secret), cipher.final(), cipher.getAuthTag()]);
}

/** The secret sealed for this station under this context; undefined when it was altered, relabelled or not sealed for it. */
export function openStickerKey(sealed: Buffer, recipient: StationKeyPair, context: SealContext): Buffer | undefined {
  if (sealed.length !== SEALED_KEY_BYTES) return undefined;
  const ephemeralPublic = sealed.subarray(0, PUBLIC_BYTES);
  const nonce = sealed.subarray(PUBLIC_BYTES, PUBLIC_BYTES + NONCE_BYTES);
  const info = contextOf(context);
  try {
    // An ephemeral key of low order makes no shared secret: diffieHellman throws, and the blob is refused.
    const shared = diffieHellman({ privateKey: privateKeyOf(recipient), publicKey: publicKeyOf(ephemeralPublic) });
    const decipher = createDecipheriv('aes-256-gcm', wrappingKey(shared, ephemeralPublic, recipient.publicKey, info), nonce, { authTagLength: TAG_BYTES });
    decipher.setAAD(info);
    decipher.setAuthTag(sealed.subarray(-TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(PUBLIC_BYTES + NONCE_BYTES, -TAG_BYTES)), decipher.final()]);
  } catch {
    return undefined;
  }
}
