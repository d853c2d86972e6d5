// Keeps a site's tables equal to the folds of its facts, in the transaction that stores them: every tube,
// registration, bag and handover the new facts are about is folded again from all the site's facts about it and
// written over; the desks and conflicts those rows touch are recomputed from the tables. A fact stored twice is
// stored once, and a fold of the same facts gives the same row, so a resend changes nothing.
import type pg from 'pg';
import { recomputeConflicts } from './conflicts';
import { foldBag, foldHandover, foldRegistration, foldTube } from '../../core/siteFacts/fold';
import { readSiteFact, SUBJECT_COLUMNS, type FactSubjects, type SiteFact } from '../../core/siteFacts/payloads';

/** Every fact of the site about the given things, grouped by thing. */
async function factsAbout(
  client: pg.ClientBase,
  siteCode: string,
  subject: keyof FactSubjects,
  ids: ReadonlySet<string>,
): Promise<Map<string, SiteFact[]>> {
  const grouped = new Map<string, SiteFact[]>();
  if (ids.size === 0) return grouped;
  const column = SUBJECT_COLUMNS[subject];
  const { rows } = await client.query<{ subject: string; fact_id: string; kind: string; at: Date; station_id: string; payload: unknown }>(
    `SELECT s.${column} AS subject, f.fact_id, f.kind, f.at, f.station_id, f.payload
     FROM site_facts s JOIN facts f ON f.fact_id = s.fact_id
     WHERE s.site_code = $1 AND s.${column} = ANY($2::uuid[])`,
    [siteCode, [...ids]],
  );
  for (const row of rows) {
    const read = readSiteFact({ factId: row.fact_id, kind: row.kind, at: row.at, stationId: row.station_id, payload: row.payload });
    if (!('fact' in read)) continue;
    const facts = grouped.get(row.subject) ?? [];
    facts.push(read.fact);
    grouped.set(row.subject, facts);
  }
  return grouped;
}

/** Writes the rows over those with the same key. */
async function upsert(client: pg.ClientBase, table: string, key: readonly string[], rows: readonly object[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const updates = columns.filter((column) => !key.includes(column)).map((column) => `${column} = excluded.${column}`);
  await client.query(
    `INSERT INTO ${table} (${columns.join(', ')})
     SELECT ${columns.join(', ')} FROM json_populate_recordset(null::${table}, $1::json)
     ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${updates.join(', ')}`,
    [JSON.stringify(rows)],
  );
}

/** Replaces the child rows of the given parents (a bag's tubes, a handover's bags) with the folded ones. */
async function replaceChildren(
  client: pg.ClientBase,
  table: string,
  parent: string,
  siteCode: string,
  parentIds: readonly string[],
  rows: readonly object[],
): Promise<void> {
  if (parentIds.length === 0) return;
  await client.query(`DELETE FROM ${table} WHERE site_code = $1 AND ${parent} = ANY($2::uuid[])`, [siteCode, parentIds]);
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  await client.query(
    `INSERT INTO ${table} (${columns.join(', ')}) SELECT ${columns.join(', ')} FROM json_populate_recordset(null::${table}, $1::json)`,
    [JSON.stringify(rows)],
  );
}

/** A desk's tubes, first and last opening, and its open tube, from the site's tubes. */
async function recomputeDesks(client: pg.ClientBase, siteCode: string, desks: readonly { stationId: string; desk: string }[]): Promise<void> {
  if (desks.length === 0) return;
  await client.query(
    `INSERT INTO desks (site_code, station_id, desk, tubes, first_opened_at, last_opened_at, open_tube_id)
     SELECT t.site_code, t.station_id, t.desk, count(*), min(t.opened_at), max(t.opened_at),
       (array_agg(t.tube_id ORDER BY t.opened_at DESC, t.tube_id DESC) FILTER (WHERE t.status = 'open'))[1]
     FROM tubes t
     JOIN (SELECT DISTINCT * FROM unnest($2::uuid[], $3::text[])) AS d (station_id, desk)
       ON t.station_id = d.station_id AND t.desk = d.desk
     WHERE t.site_code = $1 AND t.opened_fact IS NOT NULL
     GROUP BY t.site_code, t.station_id, t.desk
     ON CONFLICT (site_code, station_id, desk) DO UPDATE SET tubes = excluded.tubes,
       first_opened_at = excluded.first_opened_at, last_opened_at = excluded.last_opened_at,
       open_tube_id = excluded.open_tube_id`,
    [siteCode, desks.map((d) => d.stationId), desks.map((d) => d.desk)],
  );
}

/** Brings the site's tables up to date with facts just added to it (by what each is about). */
export async function project(client: pg.ClientBase, siteCode: string, added: readonly FactSubjects[]): Promise<void> {
  const touched = (subject: keyof FactSubjects) =>
    new Set(added.map((subjects) => subjects[subject]).filter((id): id is string => id !== null));

  const tubes = [...(await factsAbout(client, siteCode, 'tubeId', touched('tubeId')))].map(([id, facts]) => foldTube(siteCode, id, facts));
  await upsert(client, 'tubes', ['site_code', 'tube_id'], tubes);

  const registrations = [...(await factsAbout(client, siteCode, 'registrationId', touched('registrationId')))].map(([id, facts]) =>
    foldRegistration(siteCode, id, facts),
  );
  await upsert(client, 'registrations', ['site_code', 'registration_id'], registrations);

  const bags = [...(await factsAbout(client, siteCode, 'bagId', touched('bagId')))].map(([id, facts]) => foldBag(siteCode, id, facts));
  await upsert(client, 'bags', ['site_code', 'bag_id'], bags.map((folded) => folded.bag));
  await replaceChildren(client, 'bag_tubes', 'bag_id', siteCode, bags.map((folded) => folded.bag.bag_id), bags.flatMap((folded) => folded.tubes));

  const handovers = [...(await factsAbout(client, siteCode, 'handoverId', touched('handoverId')))]
    .map(([id, facts]) => foldHandover(siteCode, id, facts))
    .filter((folded) => folded !== null);
  await upsert(client, 'handovers', ['site_code', 'handover_id'], handovers.map((folded) => folded.handover));
  await replaceChildren(
    client,
    'handover_bags',
    'handover_id',
    siteCode,
    handovers.map((folded) => folded.handover.handover_id),
    handovers.flatMap((folded) => folded.bags),
  );

  await recomputeDesks(
    client,
    siteCode,
    tubes.filter((tube) => tube.opened_fact !== null).map((tube) => ({ stationId: tube.station_id!, desk: tube.desk! })),
  );
  await recomputeConflicts(client, siteCode, {
    tubeBarcodes: tubes.map((tube) => tube.barcode).filter((barcode) => barcode !== null),
    packedTubeBarcodes: bags.flatMap((folded) => folded.tubes.map((tube) => tube.tube_barcode)),
    handedBagBarcodes: handovers.flatMap((folded) => folded.bags.map((bag) => bag.bag_barcode)),
  });
}
