// What the station's database holds for sharing sticker keys: its own id and keypair (migration 15), the keys it
// made itself (the ones it shares), and the keys other stations of its site shared with it, added for reading only
// (printing = 0). Adding one is a local fact with its audit row (the key's id and where it came from; never the
// secret), once: a key already held is left as it is.
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { StationKeyPair } from '../domain/sealedStickerKey';
import type { StickerKey } from '../domain/stickerCode';
import type { RecordFact } from '../facts/record';

export function createSharedKeys(db: Db, clock: Clock, record: RecordFact) {
  const stationId = db.prepare<[], string>('SELECT id FROM site').pluck();
  const keyPair = db.prepare<[], { publicKey: Buffer; privateKey: Buffer }>('SELECT public_key AS publicKey, private_key AS privateKey FROM station_keypair');
  const own = db.prepare<[], StickerKey>('SELECT id, secret FROM sticker_keys WHERE shared_by IS NULL ORDER BY id');
  const held = db.prepare<[string], 1>('SELECT 1 FROM sticker_keys WHERE id = ?').pluck();
  const insert = db.prepare('INSERT INTO sticker_keys (id, secret, printing, created_at, shared_by) VALUES (?, ?, 0, ?, ?)');

  return {
    stationId: (): string => stationId.get()!,
    keyPair: (): StationKeyPair => keyPair.get()!,
    /** The keys this station made: another station's are shared by that station, not passed on. */
    own: (): StickerKey[] => own.all(),
    holds: (keyId: string): boolean => held.get(keyId) !== undefined,
    /** Adds a key another station shared; false when a key of that id is held already (left as it is). */
    add(key: StickerKey, from: string): boolean {
      return db
        .transaction(() => {
          if (held.get(key.id) !== undefined) return false;
          const at = clock();
          insert.run(key.id, key.secret, at.toISOString(), from);
          record({ kind: 'sticker.keyShared', subject: key.id, actor: 'station', data: { keyId: key.id, from }, at });
          return true;
        })
        .immediate();
    },
  };
}

export type SharedKeys = ReturnType<typeof createSharedKeys>;
