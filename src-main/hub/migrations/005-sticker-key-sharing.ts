import type { HubMigration } from './migration';

// Sharing a site's sticker keys between its stations without the hub ever holding one: each station's X25519
// public key (station_keys), and each sticker key a station sealed for another station of its site (sealed_keys:
// only the sealed blob, which opens with the recipient's private key alone). A station's public key is kept as it
// first gave it.
export const migration005: HubMigration = {
  version: 5,
  name: "stations' public keys and the sticker keys sealed for them",
  up: (client) =>
    client.query(`
      CREATE TABLE station_keys (
        station_id uuid PRIMARY KEY,
        site_code  text NOT NULL REFERENCES sites (code),
        public_key bytea NOT NULL CHECK (length(public_key) = 32),
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX station_keys_site ON station_keys (site_code);
      CREATE TABLE sealed_keys (
        site_code    text NOT NULL REFERENCES sites (code),
        from_station uuid NOT NULL REFERENCES station_keys (station_id),
        to_station   uuid NOT NULL REFERENCES station_keys (station_id),
        key_id       text NOT NULL CHECK (key_id ~ '^[0-9a-f]{8}$'),
        sealed       bytea NOT NULL CHECK (length(sealed) = 92),
        created_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (to_station, from_station, key_id),
        CHECK (from_station <> to_station)
      );
    `),
};
