// What this PC and the others did while apart that cannot both stand, as far as the mirror knows, each with both
// sides: one tube barcode opened on two PCs, one tube barcode packed into two bags, one bag handed over twice.
// Listed, never merged away: a manager resolves one by voiding the side that is wrong (with a reason), which flows
// like any fact; a voided tube no longer stands against the other, nor do the bags it was packed into. Pairs
// between two other PCs are listed too. The same pairs as the hub's conflicts table (src-main/hub/projection).
import { z } from 'zod';
import type { Db } from '../db/database';

const sideSchema = z.object({
  /** The other PC's label, or null for this PC. */
  pc: z.string().nullable(),
  desk: z.string().nullable(),
  /** The bag the tube went into, or the manifest that handed the bag over. */
  detail: z.string().nullable(),
  at: z.string().nullable(),
});

export const conflictSchema = z.object({
  kind: z.enum(['tube-opened-twice', 'tube-in-two-bags', 'bag-handed-over-twice']),
  /** The tube's or the bag's barcode. */
  subject: z.string(),
  first: sideSchema,
  second: sideSchema,
});
type Conflict = z.output<typeof conflictSchema>;

type Row = {
  subject: string;
  firstPc: string | null;
  firstDesk: string | null;
  firstDetail: string | null;
  firstAt: string | null;
  secondPc: string | null;
  secondDesk: string | null;
  secondDetail: string | null;
  secondAt: string | null;
};

const PC = (alias: string) => `(SELECT label FROM mirror_stations s WHERE s.station_id = ${alias}.station_id)`;

const SEARCHES = {
  'tube-opened-twice': `
    SELECT t.barcode AS subject, NULL AS firstPc, t.desk AS firstDesk, NULL AS firstDetail, t.opened_at AS firstAt,
           ${PC('m')} AS secondPc, m.desk AS secondDesk, NULL AS secondDetail, m.opened_at AS secondAt
    FROM tubes t JOIN mirror_tubes m ON m.barcode = t.barcode
    WHERE t.status <> 'discarded' AND t.voided_at IS NULL AND m.status IN ('open', 'sealed') AND m.voided_at IS NULL
    UNION ALL
    SELECT a.barcode, ${PC('a')}, a.desk, NULL, a.opened_at, ${PC('b')}, b.desk, NULL, b.opened_at
    FROM mirror_tubes a JOIN mirror_tubes b ON b.barcode = a.barcode AND b.tube_id > a.tube_id
    WHERE a.status IN ('open', 'sealed') AND a.voided_at IS NULL AND b.status IN ('open', 'sealed') AND b.voided_at IS NULL`,
  // By barcode, as the hub keeps them: two tubes with one barcode in two bags reach the lab as one sample twice.
  'tube-in-two-bags': `
    WITH packs AS (
      SELECT NULL AS station_id, b.id AS bag_id, b.barcode AS bag, bt.tube_id, t.barcode AS tube_barcode, bt.packed_at
      FROM bag_tubes bt JOIN tubes t ON t.id = bt.tube_id JOIN bags b ON b.id = bt.bag_id
      UNION ALL
      SELECT NULL, b.id, b.barcode, st.tube_id, st.tube_barcode, st.packed_at FROM bag_site_tubes st JOIN bags b ON b.id = st.bag_id
      UNION ALL
      SELECT mb.station_id, mb.bag_id, mb.barcode, o.tube_id, o.tube_barcode, o.packed_at
      FROM mirror_bag_tubes o JOIN mirror_bags mb ON mb.bag_id = o.bag_id),
    standing AS (
      SELECT * FROM packs p
      WHERE NOT EXISTS (SELECT 1 FROM tubes t WHERE t.id = p.tube_id AND t.voided_at IS NOT NULL)
        AND NOT EXISTS (SELECT 1 FROM mirror_tubes m WHERE m.tube_id = p.tube_id AND m.voided_at IS NOT NULL))
    SELECT a.tube_barcode AS subject, ${PC('a')} AS firstPc, NULL AS firstDesk, a.bag AS firstDetail, a.packed_at AS firstAt,
           ${PC('b')} AS secondPc, NULL AS secondDesk, b.bag AS secondDetail, b.packed_at AS secondAt
    FROM standing a JOIN standing b ON b.tube_barcode = a.tube_barcode
      AND (a.station_id IS NOT NULL, a.bag_id) < (b.station_id IS NOT NULL, b.bag_id)`,
  'bag-handed-over-twice': `
    SELECT b.barcode AS subject, NULL AS firstPc, NULL AS firstDesk, h.number AS firstDetail, h.handed_at AS firstAt,
           ${PC('mh')} AS secondPc, NULL AS secondDesk, mh.number AS secondDetail, mh.handed_at AS secondAt
    FROM bags b JOIN handovers h ON h.id = b.handover_id
    JOIN mirror_handover_bags o ON o.bag_barcode = b.barcode JOIN mirror_handovers mh ON mh.handover_id = o.handover_id
    UNION ALL
    SELECT a.bag_barcode, ${PC('ha')}, NULL, ha.number, ha.handed_at, ${PC('hb')}, NULL, hb.number, hb.handed_at
    FROM mirror_handover_bags a JOIN mirror_handover_bags b ON b.bag_barcode = a.bag_barcode AND b.handover_id > a.handover_id
    JOIN mirror_handovers ha ON ha.handover_id = a.handover_id JOIN mirror_handovers hb ON hb.handover_id = b.handover_id`,
} as const satisfies Record<Conflict['kind'], string>;

export function createConflicts(db: Db) {
  const searches = Object.entries(SEARCHES).map(([kind, sql]) => ({ kind: kind as Conflict['kind'], statement: db.prepare<[], Row>(sql) }));
  return (): Conflict[] =>
    searches.flatMap(({ kind, statement }) =>
      statement.all().map((row) => ({
        kind,
        subject: row.subject,
        first: { pc: row.firstPc, desk: row.firstDesk, detail: row.firstDetail, at: row.firstAt },
        second: { pc: row.secondPc, desk: row.secondDesk, detail: row.secondDetail, at: row.secondAt },
      })),
    );
}
