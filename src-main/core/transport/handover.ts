// Handing sealed bags to a courier: one fact, one numbered manifest, the totals the manifest prints.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/database';
import { localDay, type Clock } from '../clock';
import type { RecordFact } from '../facts/record';
import { cleanText } from '../domain/personText';
import { because } from '../domain/inputIssues';
import { orInvisibleCharacter } from '../domain/refusals';
import { readSiteSettings } from '../site/settings';

const courierSchema = z.strictObject({
  name: z.string().trim().min(1).max(40),
  phone: z
    .string()
    .trim()
    .max(20)
    .refine((phone) => /^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/.test(phone), because('not-a-phone', 'a mobile or landline number')),
  vehicle: z.string().trim().min(1).max(20),
});
type Courier = z.output<typeof courierSchema>;

export const handoverInputSchema = z.strictObject({
  bags: z.array(z.string().min(1).max(64)).min(1).max(200),
  courier: courierSchema,
  temperature: z.number().min(-40).max(40).nullable(),
});

export const handoverOutcomeSchema = z.discriminatedUnion('result', [
  z.object({
    result: z.literal('handed-over'),
    number: z.string(),
    bags: z.number().int(),
    tubes: z.number().int(),
    people: z.number().int(),
  }),
  orInvisibleCharacter(
    z.object({
      result: z.literal('refused'),
      problem: z.enum(['bag-unknown', 'bag-not-sealed', 'bag-already-handed-over']),
      bag: z.string(),
    }),
  ),
]);
type HandoverOutcome = z.output<typeof handoverOutcomeSchema>;

export function createHandovers(db: Db, clock: Clock, record: RecordFact) {
  const bagByBarcode = db.prepare<[string], { id: string; status: string; handover_id: string | null }>(
    "SELECT id, status, handover_id FROM bags WHERE barcode = ? AND status <> 'discarded'",
  );
  // This PC's tubes in the bag, and the other PCs' with the people the mirror knows in them.
  const countsOf = db.prepare<{ bag: string }, { tubes: number; people: number }>(
    `SELECT count(DISTINCT b.tube_id) + (SELECT count(*) FROM bag_site_tubes WHERE bag_id = @bag) AS tubes,
            count(r.id) + (SELECT coalesce(sum(m.people), 0) FROM bag_site_tubes s JOIN mirror_tubes m ON m.tube_id = s.tube_id
                           WHERE s.bag_id = @bag) AS people
     FROM bag_tubes b LEFT JOIN registrations r ON r.tube_id = b.tube_id AND r.status = 'active'
     WHERE b.bag_id = @bag`,
  );
  const handoversOn = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM handovers WHERE day = ?');
  const insertHandover = db.prepare(
    `INSERT INTO handovers (id, number, courier_name, courier_phone, vehicle, temperature, handed_at, day, site_name, site_code, handed_by)
     VALUES (@id, @number, @name, @phone, @vehicle, @temperature, @handedAt, @day, @siteName, @siteCode, @handedBy)`,
  );
  const assign = db.prepare('UPDATE bags SET handover_id = ? WHERE id = ?');

  return function handOver(
    bagBarcodes: readonly string[],
    courier: Courier,
    temperature: number | null,
    actor: string,
    /** The manager signed in, whose name the manifest prints as the one who handed over. */
    handedBy: string,
  ): HandoverOutcome {
    // The courier's words go onto the manifest and its files: the same rule as a person's text.
    const name = cleanText(courier.name, 'name');
    if (!name.ok) return { result: 'refused', ...name.refusal };
    const vehicle = cleanText(courier.vehicle, 'vehicle');
    if (!vehicle.ok) return { result: 'refused', ...vehicle.refusal };
    const cleaned: Courier = { name: name.text, phone: courier.phone, vehicle: vehicle.text };
    return db
      .transaction((): HandoverOutcome => {
        const bags: { id: string; barcode: string }[] = [];
        for (const barcode of new Set(bagBarcodes)) {
          const bag = bagByBarcode.get(barcode);
          if (!bag) return { result: 'refused', problem: 'bag-unknown', bag: barcode };
          if (bag.status !== 'sealed') return { result: 'refused', problem: 'bag-not-sealed', bag: barcode };
          if (bag.handover_id) return { result: 'refused', problem: 'bag-already-handed-over', bag: barcode };
          bags.push({ id: bag.id, barcode });
        }
        const now = clock();
        const day = localDay(now);
        const number = `${day.replaceAll('-', '')}-${String(handoversOn.get(day)!.n + 1).padStart(3, '0')}`;
        const id = randomUUID();
        // The site as it is named now: a manifest reprinted after a rename still reads as the one signed.
        const { siteName, siteCode } = readSiteSettings(db);
        insertHandover.run({ id, number, ...cleaned, temperature, handedAt: now.toISOString(), day, siteName, siteCode, handedBy });
        let tubes = 0;
        let people = 0;
        for (const bag of bags) {
          assign.run(id, bag.id);
          const counts = countsOf.get({ bag: bag.id })!;
          tubes += counts.tubes;
          people += counts.people;
        }
        const facts = { handoverId: id, number, bags: bags.map((b) => b.barcode), courier: cleaned, temperature };
        record({ kind: 'handover', subject: id, actor, data: facts, upload: facts, at: now });
        return { result: 'handed-over', number, bags: bags.length, tubes, people };
      })
      .immediate();
  };
}
