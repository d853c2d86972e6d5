// Stations' tokens. `hub enrol` binds a token to a site: the token, not what the station says, decides the site its
// facts belong to and the feed it may read. The first upload binds it to the station that presents it. A token
// from `issue-token` has no site: it uploads as tokens always did, and reads no feed. Only a token's SHA-256 is
// kept, so a copy of the database does not let anyone send as a station.
import { createHash, randomBytes } from 'node:crypto';
import type pg from 'pg';
import { z } from 'zod';
import { siteSettingsSchema } from '../core/site/settings';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export const enrolmentSchema = z.object({
  /** A site code a station can be set to: the station's must be exactly this to upload with the token. */
  site: siteSettingsSchema.shape.siteCode.pipe(z.string().min(1, 'the site code is needed')),
  /** Which station the token is for, on one line: it shows in logs and in the district's console. */
  label: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .refine((text) => !/\p{Cc}/u.test(text), 'no control characters'),
});

/** Who presents a token. */
export interface TokenHolder {
  tokenHash: string;
  label: string;
  /** The site the token was enrolled for; null for a token issued without one. */
  siteCode: string | null;
  /** The station bound at its first upload; null until then (and always for a token without a site). */
  stationId: string | null;
}

function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Issues a token for a station of the site, making the site known if it is new. Returns the token itself. */
export async function enrol(pool: pg.Pool, enrolment: z.input<typeof enrolmentSchema>): Promise<string> {
  const { site, label } = enrolmentSchema.parse(enrolment);
  const token = newToken();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('INSERT INTO sites (code) VALUES ($1) ON CONFLICT (code) DO NOTHING', [site]);
    await client.query('INSERT INTO tokens (token_sha256, label, site_code) VALUES ($1, $2, $3)', [hashOf(token), label, site]);
    await client.query('COMMIT');
    return token;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** A token without a site: it uploads, and reads no feed. */
export async function issueToken(pool: pg.Pool, label: string): Promise<string> {
  const token = newToken();
  await pool.query('INSERT INTO tokens (token_sha256, label) VALUES ($1, $2)', [hashOf(token), label]);
  return token;
}

export async function authenticate(pool: pg.Pool, token: string): Promise<TokenHolder | null> {
  const tokenHash = hashOf(token);
  const { rows } = await pool.query<{ label: string; site_code: string | null; station_id: string | null }>(
    'SELECT label, site_code, station_id FROM tokens WHERE token_sha256 = $1',
    [tokenHash],
  );
  if (rows.length === 0) return null;
  return { tokenHash, label: rows[0].label, siteCode: rows[0].site_code, stationId: rows[0].station_id };
}

/**
 * Binds the token to the station at its first upload, inside the batch's transaction. Returns the station it is
 * bound to now, and whether this call bound it.
 */
export async function bindStation(client: pg.ClientBase, holder: TokenHolder, stationId: string): Promise<{ stationId: string; boundNow: boolean }> {
  const bound = await client.query<{ station_id: string }>(
    'UPDATE tokens SET station_id = $2 WHERE token_sha256 = $1 AND station_id IS NULL RETURNING station_id',
    [holder.tokenHash, stationId],
  );
  if (bound.rows.length === 1) return { stationId: bound.rows[0].station_id, boundNow: true };
  const { rows } = await client.query<{ station_id: string }>('SELECT station_id FROM tokens WHERE token_sha256 = $1', [holder.tokenHash]);
  return { stationId: rows[0].station_id, boundNow: false };
}
