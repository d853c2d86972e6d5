// The receiver's PostgreSQL side: its schema, the tokens stations present, and a batch of facts stored in one
// transaction, each key at most once (the first arrival wins; a resend is answered "duplicate").
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Sender } from '../core/upload/outboxFact';
import { logError } from '../core/maintenance/log';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS facts (
    fact_id     uuid PRIMARY KEY,
    station_id  uuid NOT NULL,
    site_code   text NOT NULL,
    kind        text NOT NULL,
    at          timestamptz NOT NULL,
    payload     jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE INDEX IF NOT EXISTS facts_station_at ON facts (station_id, at);
  CREATE TABLE IF NOT EXISTS stations (
    station_id uuid PRIMARY KEY,
    site_code  text NOT NULL,
    site_name  text NOT NULL,
    last_seen  timestamptz NOT NULL
  );
  CREATE TABLE IF NOT EXISTS tokens (
    token_sha256 text PRIMARY KEY,
    label        text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now()
  );
`;

export interface StoredFact {
  factId: string;
  kind: string;
  at: string;
  payload: Record<string, unknown>;
}

/** Only the token's hash is kept: a copy of the database does not let anyone send as a station. */
const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

export function createStore(connectionString: string) {
  const pool = new pg.Pool({ connectionString, max: 8 });
  // An idle connection that breaks (the server restarted) must not crash the receiver: the next query reconnects.
  pool.on('error', (error) => logError(`PostgreSQL connection lost: ${error.message}`));

  return {
    async migrate(): Promise<void> {
      await pool.query(SCHEMA);
    },

    async issueToken(label: string): Promise<string> {
      const token = randomBytes(32).toString('base64url');
      await pool.query('INSERT INTO tokens (token_sha256, label) VALUES ($1, $2)', [hashOf(token), label]);
      return token;
    },

    async knowsToken(token: string): Promise<boolean> {
      const found = await pool.query('SELECT 1 FROM tokens WHERE token_sha256 = $1', [hashOf(token)]);
      return found.rowCount === 1;
    },

    /** Stores what is new; returns the keys stored now (the others were stored before). */
    async storeBatch(sender: Sender, facts: readonly StoredFact[]): Promise<Set<string>> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO stations (station_id, site_code, site_name, last_seen) VALUES ($1, $2, $3, now())
           ON CONFLICT (station_id) DO UPDATE SET site_code = excluded.site_code, site_name = excluded.site_name,
             last_seen = excluded.last_seen`,
          [sender.stationId, sender.siteCode, sender.siteName],
        );
        const inserted = await client.query<{ fact_id: string }>(
          `INSERT INTO facts (fact_id, station_id, site_code, kind, at, payload)
           SELECT f.fact_id, $1, $2, f.kind, f.at, f.payload
           FROM unnest($3::uuid[], $4::text[], $5::timestamptz[], $6::jsonb[]) AS f (fact_id, kind, at, payload)
           ON CONFLICT (fact_id) DO NOTHING
           RETURNING fact_id`,
          [
            sender.stationId,
            sender.siteCode,
            facts.map((fact) => fact.factId),
            facts.map((fact) => fact.kind),
            facts.map((fact) => fact.at),
            facts.map((fact) => JSON.stringify(fact.payload)),
          ],
        );
        await client.query('COMMIT');
        return new Set(inserted.rows.map((row) => row.fact_id));
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },

    close: () => pool.end(),
  };
}

export type Store = ReturnType<typeof createStore>;
