// Sealed tubes that are in no bag on any PC of the site: flagged for the manager before the day ends. This PC's own
// tubes, and the other PCs' as the mirror knows them; a tube packed on another PC (in a bag the mirror knows) or
// packed here as another PC's tube (bag_site_tubes) is in a bag.
import { z } from 'zod';
import type { Db } from '../db/database';

/** `pc`: the other PC's label ('' when the feed has not named it yet); null for this PC's own tube. */
export const unbaggedTubeSchema = z.object({
  barcode: z.string(),
  desk: z.string(),
  people: z.number().int(),
  sealedAt: z.string(),
  pc: z.string().nullable(),
});
type UnbaggedTube = z.output<typeof unbaggedTubeSchema>;

/** The other PCs' sealed tubes in no bag, through the mirror's index of statuses (tests/integration/queryPlans.test.ts). */
export const UNBAGGED_ELSEWHERE_SEARCH = `
  SELECT m.barcode, coalesce(m.desk, '') AS desk, m.closed_at AS sealedAt, m.people, coalesce(s.label, '') AS pc
  FROM mirror_tubes m LEFT JOIN mirror_stations s ON s.station_id = m.station_id
  WHERE m.status = 'sealed' AND m.voided_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM mirror_bag_tubes b WHERE b.tube_id = m.tube_id)
    AND NOT EXISTS (SELECT 1 FROM bag_site_tubes b WHERE b.tube_id = m.tube_id)`;

export function createUnbagged(db: Db) {
  const query = db.prepare<[], UnbaggedTube>(
    `SELECT t.barcode, t.desk, t.closed_at AS sealedAt,
            (SELECT count(*) FROM registrations r WHERE r.tube_id = t.id AND r.status = 'active') AS people, NULL AS pc
     FROM tubes t
     WHERE t.status = 'sealed' AND t.voided_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM bag_tubes b WHERE b.tube_id = t.id)
       AND NOT EXISTS (SELECT 1 FROM mirror_bag_tubes b WHERE b.tube_id = t.id)
     UNION ALL ${UNBAGGED_ELSEWHERE_SEARCH}
     ORDER BY sealedAt`,
  );
  return () => query.all();
}
