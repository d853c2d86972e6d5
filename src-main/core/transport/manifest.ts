// What a handover manifest shows: its number and time, the courier, the cool-box temperature, the totals, and
// every bag with its tubes and each tube's people count (another PC's tube packed here counted as the mirror knows it). Also the sealed bags still waiting for a courier.
import { z } from 'zod';
import type { Db } from '../db/database';

export const manifestSchema = z.object({
  number: z.string(),
  handedAt: z.string(),
  /** The site's name and code as they were at the handover (empty where the site never set them). */
  site: z.object({ name: z.string(), code: z.string() }),
  /** The manager who handed over; null for a handover made before SwabDesk kept it and whose trail cannot tell. */
  handedBy: z.string().nullable(),
  courier: z.object({ name: z.string(), phone: z.string(), vehicle: z.string() }),
  temperature: z.number().nullable(),
  totals: z.object({ bags: z.number().int(), tubes: z.number().int(), people: z.number().int() }),
  bags: z.array(
    z.object({
      barcode: z.string(),
      sealedAt: z.string(),
      tubes: z.array(z.object({ barcode: z.string(), people: z.number().int() })),
    }),
  ),
});
export type Manifest = z.output<typeof manifestSchema>;

export const waitingBagSchema = z.object({
  barcode: z.string(),
  sealedAt: z.string(),
  tubes: z.number().int(),
  people: z.number().int(),
});
type WaitingBag = z.output<typeof waitingBagSchema>;

export function createManifests(db: Db) {
  const handover = db.prepare<
    [string],
    {
      id: string;
      number: string;
      handed_at: string;
      courier_name: string;
      courier_phone: string;
      vehicle: string;
      temperature: number | null;
      site_name: string;
      site_code: string;
      handed_by: string | null;
    }
  >(
    `SELECT id, number, handed_at, courier_name, courier_phone, vehicle, temperature, site_name, site_code, handed_by
     FROM handovers WHERE number = ?`,
  );
  const bagsOf = db.prepare<[string], { id: string; barcode: string; sealed_at: string }>(
    'SELECT id, barcode, sealed_at FROM bags WHERE handover_id = ? ORDER BY barcode',
  );
  // This PC's tubes, and other PCs' tubes packed here (bag_site_tubes) with the people the mirror knows in them.
  const tubesOf = db.prepare<{ bag: string }, { barcode: string; people: number }>(
    `SELECT barcode, people FROM (
       SELECT t.barcode, (SELECT count(*) FROM registrations r WHERE r.tube_id = t.id AND r.status = 'active') AS people,
              b.packed_at
       FROM bag_tubes b JOIN tubes t ON t.id = b.tube_id WHERE b.bag_id = @bag
       UNION ALL
       SELECT s.tube_barcode, coalesce(m.people, 0), s.packed_at
       FROM bag_site_tubes s LEFT JOIN mirror_tubes m ON m.tube_id = s.tube_id WHERE s.bag_id = @bag)
     ORDER BY packed_at, barcode`,
  );
  const waiting = db.prepare<[], { id: string; barcode: string; sealed_at: string }>(
    "SELECT id, barcode, sealed_at FROM bags WHERE status = 'sealed' AND handover_id IS NULL ORDER BY sealed_at, barcode",
  );

  return {
    manifest(number: string): Manifest | null {
      const row = handover.get(number);
      if (!row) return null;
      const bags = bagsOf.all(row.id).map((bag) => ({ barcode: bag.barcode, sealedAt: bag.sealed_at, tubes: tubesOf.all({ bag: bag.id }) }));
      const tubes = bags.flatMap((bag) => bag.tubes);
      return {
        number: row.number,
        handedAt: row.handed_at,
        site: { name: row.site_name, code: row.site_code },
        handedBy: row.handed_by,
        courier: { name: row.courier_name, phone: row.courier_phone, vehicle: row.vehicle },
        temperature: row.temperature,
        totals: { bags: bags.length, tubes: tubes.length, people: tubes.reduce((sum, tube) => sum + tube.people, 0) },
        bags,
      };
    },

    /** Sealed bags no courier has taken yet: what the handover screen offers. */
    waitingBags(): WaitingBag[] {
      return waiting.all().map((bag) => {
        const tubes = tubesOf.all({ bag: bag.id });
        return { barcode: bag.barcode, sealedAt: bag.sealed_at, tubes: tubes.length, people: tubes.reduce((sum, t) => sum + t.people, 0) };
      });
    },
  };
}
