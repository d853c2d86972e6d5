// A site's facts in the order the hub committed them: its feed. Positions are given out only while the
// transaction holds the lock on the site's row (SELECT … FOR UPDATE), which it keeps until it commits or rolls back.
// So position n+1 is handed out only after the transaction holding n has ended: a site's committed positions are
// always 1…head without a hole, sites.feed_seq (the head) commits with them, and a reader that sees head h in its
// snapshot sees every fact up to h. A cursor therefore never passes a fact that commits later. A bigserial would
// not do: its values are taken in one order and committed in another.
import type pg from 'pg';
import { logError } from '../core/maintenance/log';
import { readSiteFact, subjectsOf, type FactSubjects, type StoredSiteFact } from '../core/siteFacts/payloads';

/** The channel every hub process listens on; the payload is the site's code. */
export const FEED_CHANNEL = 'swabdesk_site_feed';

/** Takes the site's writer lock for the rest of the transaction; returns the last position given out. */
export async function lockSite(client: pg.ClientBase, siteCode: string): Promise<number> {
  const { rows } = await client.query<{ feed_seq: string }>('SELECT feed_seq FROM sites WHERE code = $1 FOR UPDATE', [siteCode]);
  return Number(rows[0].feed_seq);
}

/** What each fact is about, as the projections read it; a fact of a kind they read but malformed is logged. */
function subjects(facts: readonly StoredSiteFact[]): FactSubjects[] {
  return facts.map((fact) => {
    const read = readSiteFact(fact);
    if ('fact' in read) return subjectsOf(read.fact);
    if (!read.problem.startsWith('no projection reads')) logError(`Fact ${fact.factId} (${fact.kind}) has no place in the site's tables: ${read.problem}`);
    return subjectsOf(null);
  });
}

/**
 * Appends facts (in the order given) to the site's feed, under the lock lockSite took, and wakes the site's
 * readers once the transaction commits. Returns what each fact is about, for the projections.
 */
export async function appendToSite(
  client: pg.ClientBase,
  siteCode: string,
  head: number,
  facts: readonly StoredSiteFact[],
): Promise<FactSubjects[]> {
  if (facts.length === 0) return [];
  const about = subjects(facts);
  await client.query(
    `INSERT INTO site_facts (site_code, seq, fact_id, station_id, tube_id, registration_id, bag_id, handover_id)
     SELECT $1, $2::bigint + f.n, f.fact_id, f.station_id, f.tube_id, f.registration_id, f.bag_id, f.handover_id
     FROM unnest($3::uuid[], $4::uuid[], $5::uuid[], $6::uuid[], $7::uuid[], $8::uuid[])
       WITH ORDINALITY AS f (fact_id, station_id, tube_id, registration_id, bag_id, handover_id, n)`,
    [
      siteCode,
      head,
      facts.map((fact) => fact.factId),
      facts.map((fact) => fact.stationId),
      about.map((subject) => subject.tubeId),
      about.map((subject) => subject.registrationId),
      about.map((subject) => subject.bagId),
      about.map((subject) => subject.handoverId),
    ],
  );
  await client.query('UPDATE sites SET feed_seq = $2 WHERE code = $1', [siteCode, head + facts.length]);
  // Delivered at commit, and not at all if the transaction rolls back.
  await client.query('SELECT pg_notify($1, $2)', [FEED_CHANNEL, siteCode]);
  return about;
}

/**
 * Facts a station stored under the site's code with a token that had no site, not yet in the site's feed: they
 * join it when the station first uploads with a token enrolled for that site.
 */
export async function earlierFactsOf(client: pg.ClientBase, siteCode: string, stationId: string): Promise<StoredSiteFact[]> {
  const { rows } = await client.query<{ fact_id: string; kind: string; at: Date; station_id: string; payload: unknown }>(
    `SELECT f.fact_id, f.kind, f.at, f.station_id, f.payload FROM facts f
     WHERE f.station_id = $1 AND f.site_code = $2 AND NOT EXISTS (SELECT 1 FROM site_facts s WHERE s.fact_id = f.fact_id)
     ORDER BY f.received_at, f.at, f.fact_id`,
    [stationId, siteCode],
  );
  return rows.map((row) => ({ factId: row.fact_id, kind: row.kind, at: row.at, stationId: row.station_id, payload: row.payload }));
}

export interface FeedItem {
  seq: number;
  stationId: string;
  fact: Record<string, unknown>;
}

/** Another station enrolled to the site: the label its token was enrolled with, and its last upload. */
export interface FeedStation {
  stationId: string;
  label: string;
  lastSeen: string;
}

/**
 * Up to `limit` facts after `after` in the site's feed, other than those of the station the token is bound to (as
 * bound now: a station's first upload may bind it while it reads), and the head: one statement, so all of it comes
 * from one snapshot.
 */
export async function readFeed(
  pool: pg.Pool,
  siteCode: string,
  tokenHash: string,
  after: number,
  limit: number,
): Promise<{ head: number; items: FeedItem[]; stations: FeedStation[] }> {
  const { rows } = await pool.query<{ head: string; seq: string | null; station_id: string | null; payload: Record<string, unknown> | null }>(
    `SELECT site.feed_seq AS head, page.seq, page.station_id, page.payload
     FROM sites site
     LEFT JOIN LATERAL (
       SELECT s.seq, s.station_id, f.payload
       FROM site_facts s JOIN facts f ON f.fact_id = s.fact_id
       WHERE s.site_code = site.code AND s.seq > $2
         AND s.station_id IS DISTINCT FROM (SELECT station_id FROM tokens WHERE token_sha256 = $3)
       ORDER BY s.seq
       LIMIT $4
     ) page ON true
     WHERE site.code = $1
     ORDER BY page.seq`,
    [siteCode, after, tokenHash, limit],
  );
  const others = await pool.query<{ station_id: string; label: string | null; last_seen: Date }>(
    `SELECT station_id, label, last_seen FROM stations
     WHERE site_code = $1 AND enrolled AND station_id IS DISTINCT FROM (SELECT station_id FROM tokens WHERE token_sha256 = $2)
     ORDER BY station_id`,
    [siteCode, tokenHash],
  );
  return {
    head: Number(rows[0].head),
    items: rows
      .filter((row) => row.seq !== null)
      .map((row) => ({ seq: Number(row.seq), stationId: row.station_id!, fact: row.payload! })),
    stations: others.rows.map((row) => ({ stationId: row.station_id, label: row.label ?? '', lastSeen: row.last_seen.toISOString() })),
  };
}
