// The manager's packing table: scan a bag label, then sealed tubes into it up to the bag's capacity, seal it.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/database';
import { localDay, type Clock } from '../clock';
import { classifyScan } from '../domain/scan';
import type { RecordFact } from '../facts/record';
import { readSiteSettings, scanPatterns } from '../site/settings';

export const bagViewSchema = z.object({
  barcode: z.string(),
  capacity: z.number().int(),
  tubes: z.array(z.string()),
});
type BagView = z.output<typeof bagViewSchema>;

export const packingOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('bag-opened'), bag: bagViewSchema }),
  z.object({ result: z.literal('tube-packed'), bag: bagViewSchema, sealed: z.boolean() }),
  z.object({ result: z.literal('bag-sealed'), bag: bagViewSchema }),
  z.object({
    result: z.literal('refused'),
    problem: z.enum([
      'no-open-bag',
      'bag-already-used',
      'bag-full',
      'bag-empty',
      'tube-unknown',
      'tube-not-sealed',
      'tube-voided',
      'tube-already-bagged',
      'not-a-bag-or-tube',
    ]),
  }),
]);
type PackingOutcome = z.output<typeof packingOutcomeSchema>;

interface BagRow {
  id: string;
  barcode: string;
  capacity: number;
}

export function createPacking(db: Db, clock: Clock, record: RecordFact) {
  const openBag = db.prepare<[], BagRow>("SELECT id, barcode, capacity FROM bags WHERE status = 'open'");
  const bagByBarcode = db.prepare<[string], { id: string }>('SELECT id FROM bags WHERE barcode = ?');
  const tubesIn = db.prepare<[string], { barcode: string }>(
    'SELECT t.barcode FROM bag_tubes b JOIN tubes t ON t.id = b.tube_id WHERE b.bag_id = ? ORDER BY b.packed_at, t.barcode',
  );
  const tubeByBarcode = db.prepare<[string], { id: string; status: string; voided_at: string | null; bagged: number }>(
    `SELECT id, status, voided_at, EXISTS (SELECT 1 FROM bag_tubes WHERE tube_id = tubes.id) AS bagged
     FROM tubes WHERE barcode = ? AND status <> 'discarded'`,
  );
  const insertBag = db.prepare(
    "INSERT INTO bags (id, barcode, capacity, status, opened_at, day) VALUES (?, ?, ?, 'open', ?, ?)",
  );
  const pack = db.prepare('INSERT INTO bag_tubes (tube_id, bag_id, packed_at) VALUES (?, ?, ?)');
  const sealBag = db.prepare("UPDATE bags SET status = 'sealed', sealed_at = ? WHERE id = ?");

  const view = (bag: BagRow): BagView => ({
    barcode: bag.barcode,
    capacity: bag.capacity,
    tubes: tubesIn.all(bag.id).map((t) => t.barcode),
  });

  function seal(bag: BagRow, actor: string): void {
    sealBag.run(clock().toISOString(), bag.id);
    const tubes = tubesIn.all(bag.id).map((t) => t.barcode);
    const facts = { bagId: bag.id, barcode: bag.barcode, tubes };
    record({ kind: 'bag.sealed', subject: bag.id, actor, data: facts, upload: facts });
  }

  function openNewBag(barcode: string, actor: string): PackingOutcome {
    if (bagByBarcode.get(barcode)) return { result: 'refused', problem: 'bag-already-used' };
    const current = openBag.get();
    // A bag left open with tubes in it is sealed as it is; an empty one stays for later.
    if (current) {
      if (tubesIn.all(current.id).length > 0) seal(current, actor);
      else return { result: 'refused', problem: 'bag-empty' };
    }
    const now = clock();
    const bag: BagRow = { id: randomUUID(), barcode, capacity: readSiteSettings(db).bagCapacity };
    insertBag.run(bag.id, barcode, bag.capacity, now.toISOString(), localDay(now));
    const facts = { bagId: bag.id, barcode, capacity: bag.capacity };
    record({ kind: 'bag.opened', subject: bag.id, actor, data: facts, upload: facts });
    return { result: 'bag-opened', bag: view(bag) };
  }

  function packTube(barcode: string, actor: string): PackingOutcome {
    const bag = openBag.get();
    if (!bag) return { result: 'refused', problem: 'no-open-bag' };
    const tube = tubeByBarcode.get(barcode);
    if (!tube) return { result: 'refused', problem: 'tube-unknown' };
    if (tube.voided_at) return { result: 'refused', problem: 'tube-voided' };
    if (tube.status !== 'sealed') return { result: 'refused', problem: 'tube-not-sealed' };
    if (tube.bagged) return { result: 'refused', problem: 'tube-already-bagged' };
    const packed = tubesIn.all(bag.id).length;
    if (packed >= bag.capacity) return { result: 'refused', problem: 'bag-full' };
    pack.run(tube.id, bag.id, clock().toISOString());
    const facts = { bagId: bag.id, bagBarcode: bag.barcode, tubeId: tube.id, tubeBarcode: barcode };
    record({ kind: 'bag.packed', subject: tube.id, actor, data: facts, upload: facts });
    const sealed = packed + 1 >= bag.capacity;
    const after = view(bag);
    if (sealed) seal(bag, actor);
    return { result: 'tube-packed', bag: after, sealed };
  }

  return {
    scan(text: string, actor: string): PackingOutcome {
      return db
        .transaction((): PackingOutcome => {
          const scanned = classifyScan(text, scanPatterns(readSiteSettings(db)));
          if (scanned.kind === 'bag') return openNewBag(scanned.barcode, actor);
          if (scanned.kind === 'tube') return packTube(scanned.barcode, actor);
          return { result: 'refused', problem: 'not-a-bag-or-tube' };
        })
        .immediate();
    },

    sealNow(actor: string): PackingOutcome {
      return db
        .transaction((): PackingOutcome => {
          const bag = openBag.get();
          if (!bag) return { result: 'refused', problem: 'no-open-bag' };
          if (tubesIn.all(bag.id).length === 0) return { result: 'refused', problem: 'bag-empty' };
          seal(bag, actor);
          return { result: 'bag-sealed', bag: view(bag) };
        })
        .immediate();
    },

    openBag(): BagView | null {
      const bag = openBag.get();
      return bag ? view(bag) : null;
    },
  };
}
