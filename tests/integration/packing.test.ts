// Packing as the manager holds the bags: the bag scanned last is the bag being filled. An empty bag opened by mistake
// is dropped for the next label (or with its button); a bag with tubes in it is sealed for a new label only once the
// manager confirms the warning that names it and its count, and anything else keeps it open.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/core';
import { driver, MANAGER } from '../fixtures/driver';
import { personCode } from '../fixtures/people';
import { tempCore } from '../fixtures/tempCore';

let core: Core;
let dispose: () => void;
let d: ReturnType<typeof driver>;

const TUBES = ['2026112200001', '2026112200002', '2026112200003', '2026112200004'];
const courier = { name: '李师傅', phone: '13900001111', vehicle: '京A12345' };

beforeEach(() => {
  let dataDir: string;
  ({ core, dataDir, dispose } = tempCore(() => new Date(2026, 10, 22, 9, 30)));
  d = driver(core, dataDir);
  d.call(MANAGER, 'site.updateSettings', { bagCapacity: 5 });
  // Four sealed tubes, one person each.
  for (const [i, tube] of TUBES.entries()) {
    d.scan(tube);
    d.scan(personCode(i));
    d.seal();
  }
});
afterEach(() => dispose());

type Bag = { id: string; barcode: string; status: string };
const bags = () => d.tables().bags as Bag[];
const statusOf = (barcode: string) => bags().filter((bag) => bag.barcode === barcode).map((bag) => bag.status);
const facts = (kind: string) =>
  (d.tables().audit as { kind: string; data: string }[]).filter((row) => row.kind === kind).map((row) => JSON.parse(row.data) as Record<string, unknown>);
const confirmPack = (text: string) => d.call(MANAGER, 'packing.scan', { text, confirm: true });

describe('the bag scanned last is the bag being filled', () => {
  it('drops an empty open bag for the next label: its tubes go into the bag the manager holds, and the manifest says so', () => {
    expect(d.pack('B2026112210')).toMatchObject({ result: 'bag-opened', bag: { barcode: 'B2026112210', tubes: [] }, dropped: null });
    // The wrong bag was picked up: the manager scans the one in hand.
    expect(d.pack('B2026112211')).toEqual({
      result: 'bag-opened',
      bag: { barcode: 'B2026112211', capacity: 5, tubes: [] },
      dropped: 'B2026112210',
      sealedBefore: null,
    });
    expect(d.call(MANAGER, 'packing.openBag')).toMatchObject({ barcode: 'B2026112211' });
    expect(statusOf('B2026112210')).toEqual(['discarded']);
    // Dropped, not deleted: the trail and the platform hear of it.
    expect(facts('bag.discarded')).toEqual([{ bagId: expect.any(String), barcode: 'B2026112210', instead: 'B2026112211' }]);
    const outbox = d.tables().outbox as { kind: string }[];
    expect(outbox.filter((row) => row.kind === 'bag.discarded')).toHaveLength(1);

    for (const tube of TUBES.slice(0, 2)) expect(d.pack(tube)).toMatchObject({ result: 'tube-packed', bag: { barcode: 'B2026112211' } });
    expect(d.call(MANAGER, 'packing.sealNow')).toMatchObject({ result: 'bag-sealed', bag: { barcode: 'B2026112211', tubes: TUBES.slice(0, 2) } });
    // The dropped bag is nobody's to hand over.
    expect(d.call(MANAGER, 'site.waitingBags').map((bag) => bag.barcode)).toEqual(['B2026112211']);
    d.expectRefused(() => d.call(MANAGER, 'site.handover', { bags: ['B2026112210'], courier, temperature: null }), 'bag-unknown');

    const handed = d.call(MANAGER, 'site.handover', { bags: ['B2026112211'], courier, temperature: 4 });
    expect(handed).toMatchObject({ result: 'handed-over', bags: 1, tubes: 2, people: 2 });
    const manifest = d.call(MANAGER, 'site.manifest', { number: (handed as { number: string }).number });
    expect(manifest?.bags.map((bag) => [bag.barcode, bag.tubes.map((tube) => tube.barcode)])).toEqual([['B2026112211', TUBES.slice(0, 2)]]);
  });

  it("lets a dropped bag's label be used again, and takes the open bag's own label as nothing new", () => {
    d.pack('B2026112210');
    d.pack('B2026112211');
    expect(d.pack('B2026112211')).toMatchObject({ result: 'bag-still-open', bag: { barcode: 'B2026112211' } });
    expect(d.pack('B2026112210')).toMatchObject({ result: 'bag-opened', bag: { barcode: 'B2026112210' }, dropped: 'B2026112211' });
    expect(statusOf('B2026112210')).toEqual(['discarded', 'open']);
    d.pack(TUBES[0]);
    d.call(MANAGER, 'packing.sealNow');
    d.expectRefused(() => d.pack('B2026112210'), 'bag-already-used');
  });

  it('drops an empty bag opened by mistake with its button, and only an empty one', () => {
    d.expectRefused(() => d.call(MANAGER, 'packing.dropBag'), 'no-open-bag');
    d.pack('B2026112210');
    expect(d.call(MANAGER, 'packing.dropBag')).toEqual({ result: 'bag-dropped', barcode: 'B2026112210' });
    expect(d.call(MANAGER, 'packing.openBag')).toBeNull();
    expect(facts('bag.discarded')).toEqual([{ bagId: expect.any(String), barcode: 'B2026112210', instead: null }]);
    d.expectRefused(() => d.pack(TUBES[0]), 'no-open-bag');
    d.pack('B2026112211');
    d.pack(TUBES[0]);
    d.expectRefused(() => d.call(MANAGER, 'packing.dropBag'), 'bag-not-empty');
  });
});

describe('a new label while the open bag holds tubes', () => {
  beforeEach(() => {
    d.pack('B2026112211');
    d.pack(TUBES[0]);
    d.pack(TUBES[1]);
  });

  it('is a warning naming the open bag and its count, and changes nothing until the manager confirms it', () => {
    const before = d.tables();
    expect(d.pack('B2026112212')).toEqual({
      result: 'confirm',
      warning: 'bag-not-full',
      previous: { barcode: 'B2026112211', count: 2, capacity: 5 },
      barcode: 'B2026112212',
    });
    expect(d.tables()).toEqual(before);

    expect(confirmPack('B2026112212')).toEqual({
      result: 'bag-opened',
      bag: { barcode: 'B2026112212', capacity: 5, tubes: [] },
      dropped: null,
      sealedBefore: { barcode: 'B2026112211', count: 2, capacity: 5 },
    });
    expect(statusOf('B2026112211')).toEqual(['sealed']);
    expect(facts('bag.sealed').map((fact) => [fact.barcode, fact.tubes])).toEqual([['B2026112211', TUBES.slice(0, 2)]]);
    expect(d.pack(TUBES[2])).toMatchObject({ result: 'tube-packed', bag: { barcode: 'B2026112212', tubes: [TUBES[2]] } });
  });

  it('keeps the open bag open and filling when anything else comes after the warning', () => {
    expect(d.pack('B2026112212')).toMatchObject({ result: 'confirm', previous: { barcode: 'B2026112211', count: 2 } });
    expect(d.pack(TUBES[2])).toMatchObject({ result: 'tube-packed', bag: { barcode: 'B2026112211', tubes: TUBES.slice(0, 3) } });
    expect(d.call(MANAGER, 'packing.openBag')).toMatchObject({ barcode: 'B2026112211' });
    expect(statusOf('B2026112212')).toEqual([]);
    // The next label is warned of again, with the count as it is now.
    expect(d.pack('B2026112213')).toMatchObject({ result: 'confirm', previous: { barcode: 'B2026112211', count: 3 }, barcode: 'B2026112213' });
    expect(facts('bag.sealed')).toEqual([]);
  });
});
