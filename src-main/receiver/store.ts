// The receiver's PostgreSQL side: its schema, the tokens stations present, and a batch of facts stored in one
// transaction, each key at most once (the first arrival wins; a resend is answered "duplicate"). A fact PostgreSQL
// refuses for what it holds is refused alone; only a store that fails as a whole fails the batch.
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
  /** The fact as JSON text, for the jsonb column. */
  payloadJson: string;
}

/** What became of a batch's facts: those stored now, and those PostgreSQL refused for good with its reason. */
export interface BatchOutcome {
  stored: Set<string>;
  refused: Map<string, string>;
}

/**
 * SQLSTATE classes that blame the data rather than the store: data exceptions (22), integrity constraints (23)
 * and program limits (54). Sending such a fact again can never succeed; anything else (connections 08, shutdown
 * 57, resources 53) may pass later.
 */
const DATA_ERROR_CLASSES = new Set(['22', '23', '54']);

function isDataError(error: unknown): error is pg.DatabaseError {
  return error instanceof pg.DatabaseError && DATA_ERROR_CLASSES.has(error.code?.slice(0, 2) ?? '');
}

/** Only the message: PostgreSQL's detail may quote the whole row, people's data included. */
const refusalReason = (error: pg.DatabaseError) => `PostgreSQL cannot store it (${error.code}): ${error.message}`;

const INSERT_FACTS = `
  INSERT INTO facts (fact_id, station_id, site_code, kind, at, payload)
  SELECT f.fact_id, $1, $2, f.kind, f.at, f.payload
  FROM unnest($3::uuid[], $4::text[], $5::timestamptz[], $6::jsonb[]) AS f (fact_id, kind, at, payload)
  ON CONFLICT (fact_id) DO NOTHING
  RETURNING fact_id`;

/** Inserts what is new; returns the keys inserted now. */
async function insertFacts(client: pg.PoolClient, sender: Sender, facts: readonly StoredFact[]): Promise<string[]> {
  const inserted = await client.query<{ fact_id: string }>(INSERT_FACTS, [
    sender.stationId,
    sender.siteCode,
    facts.map((fact) => fact.factId),
    facts.map((fact) => fact.kind),
    facts.map((fact) => fact.at),
    facts.map((fact) => fact.payloadJson),
  ]);
  return inserted.rows.map((row) => row.fact_id);
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

    /** Stores what is new and what PostgreSQL will take; the facts neither stored nor refused were stored before. */
    async storeBatch(sender: Sender, facts: readonly StoredFact[]): Promise<BatchOutcome> {
      const client = await pool.connect();
      // A connection that breaks while checked out reports here as well as to the query in flight: unheard, the
      // error would end the receiver.
      let lost: Error | undefined;
      const onLost = (error: Error) => {
        lost = error;
        logError(`PostgreSQL connection lost during a batch: ${error.message}`);
      };
      client.on('error', onLost);
      try {
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO stations (station_id, site_code, site_name, last_seen) VALUES ($1, $2, $3, now())
           ON CONFLICT (station_id) DO UPDATE SET site_code = excluded.site_code, site_name = excluded.site_name,
             last_seen = excluded.last_seen`,
          [sender.stationId, sender.siteCode, sender.siteName],
        );
        const refused = new Map<string, string>();
        let stored: string[];
        await client.query('SAVEPOINT batch');
        try {
          stored = await insertFacts(client, sender, facts);
        } catch (error) {
          if (!isDataError(error)) throw error;
          // Some fact PostgreSQL will never take: one at a time, each behind a savepoint, to refuse only those.
          await client.query('ROLLBACK TO SAVEPOINT batch');
          stored = [];
          for (const fact of facts) {
            await client.query('SAVEPOINT fact');
            try {
              stored.push(...(await insertFacts(client, sender, [fact])));
              await client.query('RELEASE SAVEPOINT fact');
            } catch (factError) {
              if (!isDataError(factError)) throw factError;
              await client.query('ROLLBACK TO SAVEPOINT fact');
              const reason = refusalReason(factError);
              logError(`PostgreSQL refused fact ${fact.factId}: ${reason}`);
              refused.set(fact.factId, reason);
            }
          }
        }
        await client.query('COMMIT');
        return { stored: new Set(stored), refused };
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.off('error', onLost);
        // A broken connection is closed, not handed to the next batch.
        client.release(lost);
      }
    },

    close: () => pool.end(),
  };
}

export type Store = ReturnType<typeof createStore>;
