// The hub's PostgreSQL side: its schema, the tokens stations present, and a batch of facts stored in one
// transaction, each key at most once (the first arrival wins; a resend is answered "duplicate"). A fact PostgreSQL
// refuses for what it holds is refused alone; only a store that fails as a whole fails the batch. A batch sent with
// a token enrolled for a site joins that site's feed and tables in the same transaction, under the site's lock.
import pg from 'pg';
import type { Sender } from '../core/upload/outboxFact';
import { logError } from '../core/maintenance/log';
import { migrateHub } from './migrations';
import { project } from './projection/project';
import type { StoredSiteFact } from '../core/siteFacts/payloads';
import { appendToSite, earlierFactsOf, lockSite, readFeed } from './siteFeed';
import { authenticate, bindStation, enrol, issueToken, type TokenHolder } from './tokens';

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

/** A token enrolled for a site, bound to one station, presented by another. */
export class WrongStation extends Error {}

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
async function insertFacts(client: pg.PoolClient, stationId: string, siteCode: string, facts: readonly StoredFact[]): Promise<string[]> {
  const inserted = await client.query<{ fact_id: string }>(INSERT_FACTS, [
    stationId,
    siteCode,
    facts.map((fact) => fact.factId),
    facts.map((fact) => fact.kind),
    facts.map((fact) => fact.at),
    facts.map((fact) => fact.payloadJson),
  ]);
  return inserted.rows.map((row) => row.fact_id);
}

/**
 * Inserts what is new and what PostgreSQL will take, behind a savepoint; if PostgreSQL refuses something, one fact at
 * a time, each behind its own, refusing exactly those.
 */
async function insertStorable(client: pg.PoolClient, stationId: string, siteCode: string, facts: readonly StoredFact[]): Promise<BatchOutcome> {
  const refused = new Map<string, string>();
  await client.query('SAVEPOINT batch');
  try {
    return { stored: new Set(await insertFacts(client, stationId, siteCode, facts)), refused };
  } catch (error) {
    if (!isDataError(error)) throw error;
    await client.query('ROLLBACK TO SAVEPOINT batch');
  }
  const stored = new Set<string>();
  for (const fact of facts) {
    await client.query('SAVEPOINT fact');
    try {
      for (const factId of await insertFacts(client, stationId, siteCode, [fact])) stored.add(factId);
      await client.query('RELEASE SAVEPOINT fact');
    } catch (factError) {
      if (!isDataError(factError)) throw factError;
      await client.query('ROLLBACK TO SAVEPOINT fact');
      const reason = refusalReason(factError);
      logError(`PostgreSQL refused fact ${fact.factId}: ${reason}`);
      refused.set(fact.factId, reason);
    }
  }
  return { stored, refused };
}

/** A station of a site: its row follows its enrolled token. */
const UPSERT_ENROLLED_STATION = `
  INSERT INTO stations (station_id, site_code, site_name, last_seen, label, enrolled) VALUES ($1, $2, $3, now(), $4, true)
  ON CONFLICT (station_id) DO UPDATE SET site_code = excluded.site_code, site_name = excluded.site_name,
    last_seen = excluded.last_seen, label = excluded.label, enrolled = true`;

/** A station with a token without a site: as the receiver kept it, until it is enrolled. */
const UPSERT_STATION = `
  INSERT INTO stations (station_id, site_code, site_name, last_seen) VALUES ($1, $2, $3, now())
  ON CONFLICT (station_id) DO UPDATE SET site_code = excluded.site_code, site_name = excluded.site_name,
    last_seen = excluded.last_seen
  WHERE NOT stations.enrolled`;

/**
 * The station's backlog report, unless one it measured later is stored already: a retried batch may commit after
 * the batches that followed it. The oldest fact's age at measuring is carried over to the hub's clock.
 */
const UPDATE_BACKLOG = `
  UPDATE stations SET backlog_waiting = $2, backlog_oldest_at = now() - ($4::timestamptz - $3::timestamptz), backlog_measured_at = $4
  WHERE station_id = $1 AND (backlog_measured_at IS NULL OR backlog_measured_at < $4)`;

const asSiteFact = (fact: StoredFact, stationId: string): StoredSiteFact => ({
  factId: fact.factId.toLowerCase(),
  kind: fact.kind,
  at: new Date(fact.at),
  stationId,
  payload: JSON.parse(fact.payloadJson),
});

export function createStore(connectionString: string) {
  const pool = new pg.Pool({ connectionString, max: 8 });
  // An idle connection that breaks (the server restarted) must not crash the hub: the next query reconnects.
  pool.on('error', (error) => logError(`PostgreSQL connection lost: ${error.message}`));

  /**
   * The batch's transaction for a token enrolled for a site: the site's lock first (it numbers the feed), the
   * token bound to its station, the facts, then the feed and the tables. A station's first batch with such a token
   * also brings in what it sent before under the site's code with a token that had none.
   */
  async function storeForSite(client: pg.PoolClient, holder: TokenHolder & { siteCode: string }, sender: Sender, facts: readonly StoredFact[]) {
    const stationId = sender.stationId.toLowerCase();
    const head = await lockSite(client, holder.siteCode);
    const binding = await bindStation(client, holder, stationId);
    if (binding.stationId !== stationId) throw new WrongStation(`This token belongs to another station of site ${holder.siteCode}.`);
    const earlier = binding.boundNow ? await earlierFactsOf(client, holder.siteCode, stationId) : [];
    await client.query('UPDATE sites SET name = $2 WHERE code = $1', [holder.siteCode, sender.siteName]);
    await client.query(UPSERT_ENROLLED_STATION, [stationId, holder.siteCode, sender.siteName, holder.label]);
    const outcome = await insertStorable(client, stationId, holder.siteCode, facts);
    const storedNow = facts.filter((fact) => outcome.stored.has(fact.factId.toLowerCase())).map((fact) => asSiteFact(fact, stationId));
    await project(client, holder.siteCode, await appendToSite(client, holder.siteCode, head, [...earlier, ...storedNow]));
    return outcome;
  }

  return {
    migrate: (target?: number) => migrateHub(pool, target),
    enrol: (enrolment: Parameters<typeof enrol>[1]) => enrol(pool, enrolment),
    issueToken: (label: string) => issueToken(pool, label),
    authenticate: (token: string) => authenticate(pool, token),
    readFeed: (holder: TokenHolder & { siteCode: string }, after: number, limit: number) =>
      readFeed(pool, holder.siteCode, holder.tokenHash, after, limit),

    /** Stores what is new and what PostgreSQL will take; the facts neither stored nor refused were stored before. */
    async storeBatch(holder: TokenHolder, sender: Sender, facts: readonly StoredFact[]): Promise<BatchOutcome> {
      const client = await pool.connect();
      // A connection that breaks while checked out reports here as well as to the query in flight: unheard, the
      // error would end the hub.
      let lost: Error | undefined;
      const onLost = (error: Error) => {
        lost = error;
        logError(`PostgreSQL connection lost during a batch: ${error.message}`);
      };
      client.on('error', onLost);
      try {
        await client.query('BEGIN');
        const { siteCode } = holder;
        let outcome: BatchOutcome;
        if (siteCode !== null) {
          outcome = await storeForSite(client, { ...holder, siteCode }, sender, facts);
        } else {
          await client.query(UPSERT_STATION, [sender.stationId, sender.siteCode, sender.siteName]);
          outcome = await insertStorable(client, sender.stationId, sender.siteCode, facts);
        }
        const { backlog } = sender;
        if (backlog) await client.query(UPDATE_BACKLOG, [sender.stationId, backlog.waiting, backlog.oldestAt, backlog.measuredAt]);
        await client.query('COMMIT');
        return outcome;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.off('error', onLost);
        // A broken connection is closed, not handed to the next batch.
        client.release(lost);
      }
    },

    /**
     * Binds an enrolled token to its station before any upload (a PC that only prints stickers may upload nothing),
     * as its first batch would: under the site's lock, bringing in what the station sent before with a token
     * without a site. Returns the station the token is bound to now.
     */
    async bindToStation(holder: TokenHolder & { siteCode: string }, stationId: string): Promise<string> {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const head = await lockSite(client, holder.siteCode);
        const binding = await bindStation(client, holder, stationId.toLowerCase());
        if (binding.boundNow) await project(client, holder.siteCode, await appendToSite(client, holder.siteCode, head, await earlierFactsOf(client, holder.siteCode, binding.stationId)));
        await client.query('COMMIT');
        return binding.stationId;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },

    /** The console reads the site tables and keeps its users and audit here (console/). */
    pool,
    close: () => pool.end(),
  };
}

export type Store = ReturnType<typeof createStore>;
