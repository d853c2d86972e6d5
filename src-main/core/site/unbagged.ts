// Sealed tubes that are in no bag: flagged for the manager before the day ends.
import { z } from 'zod';
import type { Db } from '../db/database';

export const unbaggedTubeSchema = z.object({
  barcode: z.string(),
  desk: z.string(),
  people: z.number().int(),
  sealedAt: z.string(),
});
type UnbaggedTube = z.output<typeof unbaggedTubeSchema>;

export function createUnbagged(db: Db) {
  const query = db.prepare<[], UnbaggedTube>(
    `SELECT t.barcode, t.desk, t.closed_at AS sealedAt,
            (SELECT count(*) FROM registrations r WHERE r.tube_id = t.id AND r.status = 'active') AS people
     FROM tubes t
     WHERE t.status = 'sealed' AND t.voided_at IS NULL AND NOT EXISTS (SELECT 1 FROM bag_tubes b WHERE b.tube_id = t.id)
     ORDER BY t.closed_at`,
  );
  return () => query.all();
}
