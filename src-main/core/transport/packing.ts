// The manager's packing table: scan a bag label, then sealed tubes into it up to the bag's capacity, seal it. The bag
// scanned last is the bag being filled, as the tube scanned last is at a desk.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/database';
import { localDay, type Clock } from '../clock';
import { classifyScan } from '../domain/scan';
import type { RecordFact } from '../facts/record';
import { readSiteSettings, scanPatterns } from '../site/settings';
import { createMirrorLookups } from '../siteFeed/mirrorLookups';

export const bagViewSchema = z.object({
  barcode: z.string(),
  capacity: z.number().int(),
  tubes: z.array(z.string()),
});
type BagView = z.output<typeof bagViewSchema>;

/** A bag as a warning or a note names it: its label and how many tubes it holds. */
const bagCountSchema = z.object({ barcode: z.string(), count: z.number().int(), capacity: z.number().int() });
type BagCount = z.output<typeof bagCountSchema>;

export const packingOutcomeSchema = z.discriminatedUnion('result', [
  // The bag scanned last is the bag being filled: the empty one it replaced was dropped, the part-filled one sealed.
  z.object({
    result: z.literal('bag-opened'),
    bag: bagViewSchema,
    dropped: z.string().nullable(),
    sealedBefore: bagCountSchema.nullable(),
  }),
  // The open bag's own label again: nothing changes.
  z.object({ result: z.literal('bag-still-open'), bag: bagViewSchema }),
  // A new label while the open bag holds tubes: sealed only once the manager confirms it (F2).
  z.object({ result: z.literal('confirm'), warning: z.literal('bag-not-full'), previous: bagCountSchema, barcode: z.string() }),
  z.object({ result: z.literal('tube-packed'), bag: bagViewSchema, sealed: z.boolean() }),
  z.object({ result: z.literal('bag-sealed'), bag: bagViewSchema }),
  // An empty bag opened by mistake, set aside with no bag open after it.
  z.object({ result: z.literal('bag-dropped'), barcode: z.string() }),
  z.object({
    result: z.literal('refused'),
    problem: z.enum([
      'no-open-bag',
      'bag-already-used',
      'bag-full',
      'bag-empty',
      'bag-not-empty',
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

/** The searches packing makes by a bag's label: through the index of labels in use (a dropped bag's may be used again). */
export const PACKING_SEARCHES = {
  bagByBarcode: "SELECT id, status FROM bags WHERE barcode = ? AND status <> 'discarded'",
} as const;

export function createPacking(db: Db, clock: Clock, record: RecordFact) {
  const openBag = db.prepare<[], BagRow>("SELECT id, barcode, capacity FROM bags WHERE status = 'open'");
  const bagByBarcode = db.prepare<[string], { id: string; status: string }>(PACKING_SEARCHES.bagByBarcode);
  // This PC's tubes and the other PCs' tubes packed here.
  const tubesIn = db.prepare<{ bag: string }, { barcode: string }>(
    `SELECT barcode FROM (SELECT t.barcode, b.packed_at FROM bag_tubes b JOIN tubes t ON t.id = b.tube_id WHERE b.bag_id = @bag
                          UNION ALL
                          SELECT tube_barcode, packed_at FROM bag_site_tubes WHERE bag_id = @bag)
     ORDER BY packed_at, barcode`,
  );
  const tubeByBarcode = db.prepare<[string], { id: string; status: string; voided_at: string | null; bagged: number }>(
    `SELECT id, status, voided_at, EXISTS (SELECT 1 FROM bag_tubes WHERE tube_id = tubes.id) AS bagged
     FROM tubes WHERE barcode = ? AND status <> 'discarded'`,
  );
  const insertBag = db.prepare(
    "INSERT INTO bags (id, barcode, capacity, status, opened_at, day) VALUES (?, ?, ?, 'open', ?, ?)",
  );
  const pack = db.prepare('INSERT INTO bag_tubes (tube_id, bag_id, packed_at) VALUES (?, ?, ?)');
  const packSiteTube = db.prepare('INSERT INTO bag_site_tubes (tube_id, bag_id, tube_barcode, packed_at) VALUES (?, ?, ?, ?)');
  const mirror = createMirrorLookups(db);
  const sealBag = db.prepare("UPDATE bags SET status = 'sealed', sealed_at = ? WHERE id = ?");
  // A dropped bag was never sealed: when it was dropped is in the trail.
  const discardBag = db.prepare("UPDATE bags SET status = 'discarded' WHERE id = ?");

  const view = (bag: BagRow): BagView => ({
    barcode: bag.barcode,
    capacity: bag.capacity,
    tubes: tubesIn.all({ bag: bag.id }).map((t) => t.barcode),
  });

  function seal(bag: BagRow, actor: string): void {
    sealBag.run(clock().toISOString(), bag.id);
    const tubes = tubesIn.all({ bag: bag.id }).map((t) => t.barcode);
    const facts = { bagId: bag.id, barcode: bag.barcode, tubes };
    record({ kind: 'bag.sealed', subject: bag.id, actor, data: facts, upload: facts });
  }

  /** An empty bag is set aside, never deleted: the trail and the platform hear that it was opened and dropped. */
  function discard(bag: BagRow, actor: string, instead: string | null): void {
    discardBag.run(bag.id);
    const facts = { bagId: bag.id, barcode: bag.barcode, instead };
    record({ kind: 'bag.discarded', subject: bag.id, actor, data: facts, upload: facts });
  }

  /**
   * A new label: the bag scanned last is the one being filled. An empty open bag is dropped for it; one with tubes in
   * it is sealed only once the manager confirmed it, so that a label scanned by mistake never seals a bag half full.
   */
  function openNewBag(barcode: string, actor: string, confirmed: boolean): PackingOutcome {
    const current = openBag.get();
    if (current?.barcode === barcode) return { result: 'bag-still-open', bag: view(current) };
    if (bagByBarcode.get(barcode)) return { result: 'refused', problem: 'bag-already-used' };
    let dropped: string | null = null;
    let sealedBefore: BagCount | null = null;
    if (current) {
      const count = tubesIn.all({ bag: current.id }).length;
      const previous = { barcode: current.barcode, count, capacity: current.capacity };
      if (count > 0 && !confirmed) return { result: 'confirm', warning: 'bag-not-full', previous, barcode };
      if (count > 0) {
        seal(current, actor);
        sealedBefore = previous;
      } else {
        discard(current, actor, barcode);
        dropped = current.barcode;
      }
    }
    const now = clock();
    const bag: BagRow = { id: randomUUID(), barcode, capacity: readSiteSettings(db).bagCapacity };
    insertBag.run(bag.id, barcode, bag.capacity, now.toISOString(), localDay(now));
    const facts = { bagId: bag.id, barcode, capacity: bag.capacity };
    record({ kind: 'bag.opened', subject: bag.id, actor, data: facts, upload: facts });
    return { result: 'bag-opened', bag: view(bag), dropped, sealedBefore };
  }

  /** This PC's tube with the barcode, else another PC's as the mirror knows it; packed here either way. */
  function sealedTube(barcode: string) {
    const own = tubeByBarcode.get(barcode);
    if (own) return { ...own, bagged: own.bagged === 1 || mirror.bagged(own.id), elsewhere: false };
    const other = mirror.tubeElsewhere(barcode);
    if (!other) return null;
    return { id: other.tubeId, status: other.status, voided_at: other.voidedAt, bagged: mirror.bagged(other.tubeId), elsewhere: true };
  }

  function packTube(barcode: string, actor: string): PackingOutcome {
    const bag = openBag.get();
    if (!bag) return { result: 'refused', problem: 'no-open-bag' };
    const tube = sealedTube(barcode);
    if (!tube) return { result: 'refused', problem: 'tube-unknown' };
    if (tube.voided_at) return { result: 'refused', problem: 'tube-voided' };
    if (tube.status !== 'sealed') return { result: 'refused', problem: 'tube-not-sealed' };
    if (tube.bagged) return { result: 'refused', problem: 'tube-already-bagged' };
    const packed = tubesIn.all({ bag: bag.id }).length;
    if (packed >= bag.capacity) return { result: 'refused', problem: 'bag-full' };
    const now = clock();
    if (tube.elsewhere) packSiteTube.run(tube.id, bag.id, barcode, now.toISOString());
    else pack.run(tube.id, bag.id, now.toISOString());
    const facts = { bagId: bag.id, bagBarcode: bag.barcode, tubeId: tube.id, tubeBarcode: barcode };
    record({ kind: 'bag.packed', subject: tube.id, actor, data: facts, upload: facts, at: now });
    const sealed = packed + 1 >= bag.capacity;
    const after = view(bag);
    if (sealed) seal(bag, actor);
    return { result: 'tube-packed', bag: after, sealed };
  }

  return {
    /** `confirmed` answers the warning the manager was shown for this same label (the open bag is not full). */
    scan(text: string, actor: string, confirmed = false): PackingOutcome {
      return db
        .transaction((): PackingOutcome => {
          const scanned = classifyScan(text, scanPatterns(readSiteSettings(db)));
          if (scanned.kind === 'bag') return openNewBag(scanned.barcode, actor, confirmed);
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
          if (tubesIn.all({ bag: bag.id }).length === 0) return { result: 'refused', problem: 'bag-empty' };
          seal(bag, actor);
          return { result: 'bag-sealed', bag: view(bag) };
        })
        .immediate();
    },

    /** Sets aside the open bag while it is empty (opened by mistake); one with tubes in it is sealed instead. */
    dropEmpty(actor: string): PackingOutcome {
      return db
        .transaction((): PackingOutcome => {
          const bag = openBag.get();
          if (!bag) return { result: 'refused', problem: 'no-open-bag' };
          if (tubesIn.all({ bag: bag.id }).length > 0) return { result: 'refused', problem: 'bag-not-empty' };
          discard(bag, actor, null);
          return { result: 'bag-dropped', barcode: bag.barcode };
        })
        .immediate();
    },

    openBag(): BagView | null {
      const bag = openBag.get();
      return bag ? view(bag) : null;
    },
  };
}
