// The station's sticker keys (migration 10): the one new stickers are sealed with, and every key a sticker it reads
// may name. Only the sticker code itself is given a secret: no channel, event, fact or log line carries one.
import type { Db } from '../db/database';
import type { StickerKey, StickerKeyring } from '../domain/stickerCode';

export function createStickerKeys(db: Db) {
  const printing = db.prepare<[], StickerKey>('SELECT id, secret FROM sticker_keys WHERE printing = 1');
  const secretOf = db.prepare<[string], { secret: Buffer }>('SELECT secret FROM sticker_keys WHERE id = ?');
  return {
    forPrinting(): StickerKey {
      const key = printing.get();
      if (!key) throw new Error('No sticker key is marked for printing.');
      return key;
    },
    keyring: ((id) => secretOf.get(id)?.secret) satisfies StickerKeyring,
  };
}

export type StickerKeys = ReturnType<typeof createStickerKeys>;
