import { generateKeyPairSync } from 'node:crypto';
import type { Migration } from './migration';

// The station's key-encryption keypair (X25519), made once: the other stations of its site seal their sticker keys
// to its public key, which it tells the hub; the private key never leaves this encrypted database. A sticker key
// another station shared is kept beside the station's own in sticker_keys, with the station it came from
// (shared_by; NULL for a key made here, the only ones this station shares on).
export const migration015: Migration = {
  version: 15,
  name: "the station's keypair for sharing sticker keys",
  up(db) {
    db.exec(`
      CREATE TABLE station_keypair (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        public_key  BLOB NOT NULL CHECK (length(public_key) = 32),
        private_key BLOB NOT NULL CHECK (length(private_key) = 32),
        created_at  TEXT NOT NULL
      ) STRICT;
      ALTER TABLE sticker_keys ADD COLUMN shared_by TEXT;
    `);
    const { publicKey, privateKey } = generateKeyPairSync('x25519');
    const raw = (value: string | undefined) => Buffer.from(value!, 'base64url');
    db.prepare('INSERT INTO station_keypair (id, public_key, private_key, created_at) VALUES (1, ?, ?, ?)').run(
      raw(publicKey.export({ format: 'jwk' }).x),
      raw(privateKey.export({ format: 'jwk' }).d),
      new Date().toISOString(),
    );
  },
};
