// What the hub keeps for sharing a site's sticker keys: each station's public key, and the sticker keys stations
// sealed for one another. Every query is bounded by the site of the token that asks, and a sealed key is served only
// to the station it was sealed for: the hub holds nothing that opens one.
import type pg from 'pg';

/** A station as its token names it: enrolled for a site and bound to the station. */
export interface BoundStation {
  siteCode: string;
  stationId: string;
}

export interface PeerKey {
  stationId: string;
  publicKey: Buffer;
  holds: string[];
}

export interface SealedFor {
  to: string;
  keyId: string;
  sealed: Buffer;
}

export interface SealedFrom {
  from: string;
  keyId: string;
  sealed: Buffer;
}

/**
 * Keeps the station's public key as it first gave it. 'mismatch': it gave another before, or it is known at another
 * site; a keypair is made once per station database, so either means a station set up wrong or an impostor.
 */
export async function putStationKey(pool: pg.Pool, station: BoundStation, publicKey: Buffer): Promise<'stored' | 'kept' | 'mismatch'> {
  const inserted = await pool.query(
    'INSERT INTO station_keys (station_id, site_code, public_key) VALUES ($1, $2, $3) ON CONFLICT (station_id) DO NOTHING',
    [station.stationId, station.siteCode, publicKey],
  );
  if (inserted.rowCount === 1) return 'stored';
  const { rows } = await pool.query<{ site_code: string; public_key: Buffer }>('SELECT site_code, public_key FROM station_keys WHERE station_id = $1', [
    station.stationId,
  ]);
  return rows[0].site_code === station.siteCode && rows[0].public_key.equals(publicKey) ? 'kept' : 'mismatch';
}

/** The site's other stations with a public key, each with the ids of the asking station's keys sealed for it. */
export async function peerKeys(pool: pg.Pool, station: BoundStation): Promise<PeerKey[]> {
  const { rows } = await pool.query<{ station_id: string; public_key: Buffer; holds: string[] }>(
    `SELECT k.station_id, k.public_key,
       coalesce(array_agg(s.key_id ORDER BY s.key_id) FILTER (WHERE s.key_id IS NOT NULL), '{}') AS holds
     FROM station_keys k
     LEFT JOIN sealed_keys s ON s.to_station = k.station_id AND s.from_station = $2 AND s.site_code = $1
     WHERE k.site_code = $1 AND k.station_id <> $2
     GROUP BY k.station_id, k.public_key
     ORDER BY k.station_id`,
    [station.siteCode, station.stationId],
  );
  return rows.map((row) => ({ stationId: row.station_id, publicKey: row.public_key, holds: row.holds }));
}

/**
 * Stores sealed keys from the station, each (recipient, key id) once: a key sealed again is not stored again.
 * Returns false, storing nothing, when a recipient is not another station of the site with a public key here.
 */
export async function storeSealed(pool: pg.Pool, station: BoundStation, keys: readonly SealedFor[]): Promise<boolean> {
  const recipients = [...new Set(keys.map((key) => key.to.toLowerCase()))];
  const { rows } = await pool.query<{ n: string }>(
    'SELECT count(*) AS n FROM station_keys WHERE site_code = $1 AND station_id = ANY($2::uuid[]) AND station_id <> $3',
    [station.siteCode, recipients, station.stationId],
  );
  if (Number(rows[0].n) !== recipients.length) return false;
  await pool.query(
    `INSERT INTO sealed_keys (site_code, from_station, to_station, key_id, sealed)
     SELECT $1, $2, k.to_station, k.key_id, k.sealed FROM unnest($3::uuid[], $4::text[], $5::bytea[]) AS k (to_station, key_id, sealed)
     ON CONFLICT (to_station, from_station, key_id) DO NOTHING`,
    [station.siteCode, station.stationId, keys.map((key) => key.to), keys.map((key) => key.keyId), keys.map((key) => key.sealed)],
  );
  return true;
}

/** The keys sealed for the station by the other stations of its site. */
export async function sealedFor(pool: pg.Pool, station: BoundStation): Promise<SealedFrom[]> {
  const { rows } = await pool.query<{ from_station: string; key_id: string; sealed: Buffer }>(
    `SELECT s.from_station, s.key_id, s.sealed FROM sealed_keys s
     JOIN station_keys k ON k.station_id = s.from_station AND k.site_code = $1
     WHERE s.site_code = $1 AND s.to_station = $2
     ORDER BY s.created_at, s.from_station, s.key_id`,
    [station.siteCode, station.stationId],
  );
  return rows.map((row) => ({ from: row.from_station, keyId: row.key_id, sealed: row.sealed }));
}
