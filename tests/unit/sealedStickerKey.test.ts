// A sticker key sealed for one station: it opens there, as the key it was sealed as, from the station that sealed
// it; any one bit changed, another recipient, another sender or key id named, or a blob of another length, and it
// does not open. Each seal is fresh: the same key sealed twice makes two unrelated blobs.
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { newStationKeyPair, openStickerKey, SEALED_KEY_BYTES, sealStickerKey } from '../../src-main/core/domain/sealedStickerKey';

const recipient = newStationKeyPair();
const secret = randomBytes(32);
const context = { from: randomUUID(), to: randomUUID(), keyId: '5e1f00a7' };

describe('a sealed sticker key', () => {
  it('opens with the private key of the station it was sealed for, under the context it was sealed with, its ids in either case', () => {
    const sealed = sealStickerKey(secret, recipient.publicKey, context);
    expect(sealed).toHaveLength(SEALED_KEY_BYTES);
    expect(sealed.includes(secret)).toBe(false);
    expect(openStickerKey(sealed, recipient, context)).toEqual(secret);
    expect(openStickerKey(sealed, recipient, { ...context, from: context.from.toUpperCase() })).toEqual(secret);
    const again = sealStickerKey(secret, recipient.publicKey, context);
    expect(again.equals(sealed)).toBe(false);
    expect(openStickerKey(again, recipient, context)).toEqual(secret);
  });

  it('does not open with any one bit changed', () => {
    const sealed = sealStickerKey(secret, recipient.publicKey, context);
    for (let at = 0; at < sealed.length; at += 1) {
      const altered = Buffer.from(sealed);
      altered[at] ^= 1 << at % 8;
      expect(openStickerKey(altered, recipient, context)).toBeUndefined();
    }
  });

  it('does not open at another station, nor named as from another sender, for another recipient or as another key', () => {
    const sealed = sealStickerKey(secret, recipient.publicKey, context);
    expect(openStickerKey(sealed, newStationKeyPair(), context)).toBeUndefined();
    expect(openStickerKey(sealed, recipient, { ...context, from: randomUUID() })).toBeUndefined();
    expect(openStickerKey(sealed, recipient, { ...context, to: randomUUID() })).toBeUndefined();
    expect(openStickerKey(sealed, recipient, { ...context, keyId: '5e1f00a8' })).toBeUndefined();
  });

  it('refuses a blob of another length, and one whose ephemeral key makes no shared secret', () => {
    const sealed = sealStickerKey(secret, recipient.publicKey, context);
    expect(openStickerKey(sealed.subarray(1), recipient, context)).toBeUndefined();
    expect(openStickerKey(Buffer.concat([sealed, Buffer.alloc(1)]), recipient, context)).toBeUndefined();
    expect(openStickerKey(Buffer.concat([Buffer.alloc(32), sealed.subarray(32)]), recipient, context)).toBeUndefined();
    expect(() => sealStickerKey(secret, Buffer.alloc(32), context)).toThrow();
    expect(() => sealStickerKey(secret.subarray(1), recipient.publicKey, context)).toThrow(/32 bytes/);
  });
});
