// What the desk's and the packing table's rules ask of the mirror: the other PCs' use of a tube barcode, a person
// sampled today on another PC, a sealed tube of another PC and whether it is in a bag already. As far as the mirror
// knows: what another PC did while this one could not hear the hub is listed as a conflict once it is heard.
import type { Db } from '../db/database';

/** The mirror's searches the rules make on each scan, each through an index (tests/integration/queryPlans.test.ts). */
export const MIRROR_SEARCHES = {
  tubeElsewhere: `SELECT m.tube_id AS tubeId, coalesce(m.desk, '') AS desk, coalesce(s.label, '') AS pc, m.status, m.voided_at AS voidedAt
                  FROM mirror_tubes m LEFT JOIN mirror_stations s ON s.station_id = m.station_id
                  WHERE m.barcode = ? AND m.status IN ('open', 'sealed')
                  ORDER BY m.opened_at LIMIT 1`,
  sampledElsewhere: `SELECT r.added_at AS at, coalesce(t.desk, '') AS desk, coalesce(s.label, '') AS pc
                     FROM mirror_registrations r LEFT JOIN mirror_tubes t ON t.tube_id = r.tube_id
                     LEFT JOIN mirror_stations s ON s.station_id = r.station_id
                     WHERE r.doc_type = ? AND r.doc_number = ? AND r.day = ? AND r.removed_at IS NULL AND r.voided_at IS NULL
                     ORDER BY r.added_at LIMIT 1`,
  baggedElsewhere: 'SELECT 1 FROM mirror_bag_tubes WHERE tube_id = ? UNION ALL SELECT 1 FROM bag_site_tubes WHERE tube_id = ?',
} as const;

export function createMirrorLookups(db: Db) {
  const tubeElsewhere = db.prepare<[string], { tubeId: string; desk: string; pc: string; status: string; voidedAt: string | null }>(
    MIRROR_SEARCHES.tubeElsewhere,
  );
  const sampledElsewhere = db.prepare<[string, string, string], { at: string; desk: string; pc: string }>(MIRROR_SEARCHES.sampledElsewhere);
  const baggedElsewhere = db.prepare<[string, string], number>(MIRROR_SEARCHES.baggedElsewhere).pluck();
  return {
    /** Another PC's tube with this barcode, open or sealed. */
    tubeElsewhere: (barcode: string) => tubeElsewhere.get(barcode) ?? null,
    /** The first time the person was sampled today on another PC. */
    sampledElsewhere: (docType: string, docNumber: string, day: string) => sampledElsewhere.get(docType, docNumber, day) ?? null,
    /** The tube is in a bag on another PC, or in one of this PC's bags as another PC's tube. */
    bagged: (tubeId: string) => baggedElsewhere.get(tubeId, tubeId) !== undefined,
  };
}
