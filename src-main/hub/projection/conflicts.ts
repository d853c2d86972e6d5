// What two stations of a site said that cannot both be true, kept as pairs of facts and never merged away: a tube
// barcode opened on two tubes (neither dropped empty nor voided), one tube barcode packed into two bags (a voided
// tube's packs left out), one bag handed over twice: what a manager's void resolves on the stations is resolved
// here too. Recomputed from the site's tables for the barcodes a batch touched, so the pairs are those the facts
// imply, whatever order they came in; "first" is the earlier of the two by the stations' clocks.
import type pg from 'pg';

export interface ConflictSubjects {
  /** Barcodes of tubes whose rows changed. */
  tubeBarcodes: readonly string[];
  /** Barcodes of tubes packed by the facts at hand. */
  packedTubeBarcodes: readonly string[];
  /** Barcodes of bags handed over by the facts at hand. */
  handedBagBarcodes: readonly string[];
}

const PAIRS = {
  'tube-opened-twice': `
    SELECT a.barcode, a.opened_fact, b.opened_fact
    FROM tubes a
    JOIN tubes b ON b.site_code = a.site_code AND b.barcode = a.barcode
      AND (a.opened_at, a.opened_fact) < (b.opened_at, b.opened_fact)
    WHERE a.site_code = $1 AND a.barcode = ANY($2::text[])
      AND a.opened_fact IS NOT NULL AND b.opened_fact IS NOT NULL
      AND a.status <> 'discarded' AND b.status <> 'discarded' AND a.voided_at IS NULL AND b.voided_at IS NULL`,
  'tube-in-two-bags': `
    SELECT a.tube_barcode, a.fact_id, b.fact_id
    FROM bag_tubes a
    JOIN bag_tubes b ON b.site_code = a.site_code AND b.tube_barcode = a.tube_barcode AND b.bag_id <> a.bag_id
      AND (a.packed_at, a.fact_id) < (b.packed_at, b.fact_id)
    WHERE a.site_code = $1 AND a.tube_barcode = ANY($2::text[])
      AND NOT EXISTS (SELECT 1 FROM tubes t WHERE t.site_code = a.site_code AND t.tube_id IN (a.tube_id, b.tube_id) AND t.voided_at IS NOT NULL)`,
  'bag-handed-over-twice': `
    SELECT a.bag_barcode, ha.fact_id, hb.fact_id
    FROM handover_bags a
    JOIN handover_bags b ON b.site_code = a.site_code AND b.bag_barcode = a.bag_barcode AND b.handover_id <> a.handover_id
    JOIN handovers ha ON ha.site_code = a.site_code AND ha.handover_id = a.handover_id
    JOIN handovers hb ON hb.site_code = b.site_code AND hb.handover_id = b.handover_id
    WHERE a.site_code = $1 AND a.bag_barcode = ANY($2::text[]) AND (ha.handed_at, ha.fact_id) < (hb.handed_at, hb.fact_id)`,
} as const;

async function recompute(client: pg.ClientBase, siteCode: string, kind: keyof typeof PAIRS, subjects: readonly string[]): Promise<void> {
  if (subjects.length === 0) return;
  const distinct = [...new Set(subjects)];
  await client.query('DELETE FROM conflicts WHERE site_code = $1 AND kind = $2 AND subject = ANY($3::text[])', [siteCode, kind, distinct]);
  await client.query(
    `INSERT INTO conflicts (site_code, kind, subject, first_fact, second_fact)
     SELECT $1, '${kind}', pair.* FROM (${PAIRS[kind]}) AS pair`,
    [siteCode, distinct],
  );
}

export async function recomputeConflicts(client: pg.ClientBase, siteCode: string, subjects: ConflictSubjects): Promise<void> {
  await recompute(client, siteCode, 'tube-opened-twice', subjects.tubeBarcodes);
  // A tube voided takes its packs out of the pairs too.
  await recompute(client, siteCode, 'tube-in-two-bags', [...subjects.packedTubeBarcodes, ...subjects.tubeBarcodes]);
  await recompute(client, siteCode, 'bag-handed-over-twice', subjects.handedBagBarcodes);
}
