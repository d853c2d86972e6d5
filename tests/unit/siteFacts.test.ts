// The hub's folds: a tube, a registration, a bag or a handover is the same row whatever order its facts are given
// in; what arrives first makes the row, and what comes later fills it.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { foldBag, foldHandover, foldRegistration, foldTube } from '../../src-main/core/siteFacts/fold';
import { readSiteFact, type SiteFact } from '../../src-main/core/siteFacts/payloads';

const SITE = 'BJ-0101';
const STATION = randomUUID();
const MANAGER_PC = randomUUID();
let second = 0;

/** A fact as the hub reads it, a second after the one before. */
function fact(kind: string, payload: Record<string, unknown>, stationId = STATION): SiteFact {
  second += 1;
  const read = readSiteFact({ factId: randomUUID(), kind, at: new Date(Date.UTC(2026, 10, 23, 8, 0, second)), stationId, payload });
  if (!('fact' in read)) throw new Error(read.problem);
  return read.fact;
}

function* permutations<T>(list: readonly T[]): Generator<T[]> {
  if (list.length <= 1) {
    yield [...list];
    return;
  }
  for (const [index, first] of list.entries()) {
    for (const rest of permutations([...list.slice(0, index), ...list.slice(index + 1)])) yield [first, ...rest];
  }
}

const tubeId = randomUUID();
const barcode = '2026112300001';
const people = [randomUUID(), randomUUID(), randomUUID()];
const added = (registrationId: string, position: number) =>
  fact('person.added', {
    registrationId,
    tubeId,
    tubeBarcode: barcode,
    position,
    source: 'card',
    docType: 'resident-id',
    docNumber: `11010519491231002${position}`,
    name: '张伟',
    phone: '',
    sex: 'male',
    birthDate: '19491231',
  });

describe("the hub's folds", () => {
  it('give a tube the same row in every order of its facts: a switch taken back, a person taken out, a void', () => {
    const facts = [
      fact('tube.opened', { tubeId, barcode, desk: '1', capacity: 10 }),
      added(people[0], 1),
      added(people[1], 2),
      fact('tube.sealed', { tubeId, barcode, count: 2, reason: 'replaced' }),
      fact('tube.reopened', { tubeId, barcode, count: 2, instead: '2026112300002' }),
      fact('person.removed', { registrationId: people[1], tubeId, position: 2 }),
      fact('tube.sealed', { tubeId, barcode, count: 1, reason: 'early' }),
      fact('tube.voided', { tubeId, barcode, reason: '试管破损' }, MANAGER_PC),
    ];
    const expected = {
      site_code: SITE,
      tube_id: tubeId,
      barcode,
      station_id: STATION,
      desk: '1',
      capacity: 10,
      opened_at: facts[0].at,
      opened_fact: facts[0].factId,
      status: 'sealed',
      close_reason: 'early',
      closed_at: facts[6].at,
      people: 1,
      voided_at: facts[7].at,
      void_reason: '试管破损',
    };
    let orders = 0;
    for (const order of permutations(facts)) {
      orders += 1;
      expect(foldTube(SITE, tubeId, order)).toEqual(expected);
    }
    expect(orders).toBe(40_320);
  });

  it('make a tube from a person who arrived before it, its barcode known and its desk not yet', () => {
    expect(foldTube(SITE, tubeId, [added(people[2], 3)])).toMatchObject({
      barcode,
      station_id: null,
      desk: null,
      status: null,
      people: 1,
    });
  });

  it('keep a void that arrived before its registration, and apply corrections after it, the latest last, in any order', () => {
    const registrationId = people[0];
    const voided = fact('person.voided', { registrationId, tubeId, reason: '登记错了', previousStatus: 'active' }, MANAGER_PC);
    expect(foldRegistration(SITE, registrationId, [voided])).toMatchObject({ tube_id: tubeId, voided_at: voided.at, added_at: null });

    const first = added(registrationId, 1);
    const facts = [
      fact('person.corrected', { registrationId, reason: '错别字', name: '张卫' }, MANAGER_PC),
      fact('person.corrected', { registrationId, reason: '换号', name: '张维', phone: '13900000001' }, MANAGER_PC),
      voided,
    ];
    // Even a correction its station's clock put before the registration changes what it said.
    const early = fact('person.corrected', { registrationId, reason: '证件号', idNumber: '110105194912310021' }, MANAGER_PC);
    early.at = new Date(first.at.getTime() - 60_000);
    for (const order of permutations([first, ...facts, early])) {
      expect(foldRegistration(SITE, registrationId, order)).toEqual({
        site_code: SITE,
        registration_id: registrationId,
        tube_id: tubeId,
        station_id: STATION,
        position: 1,
        source: 'card',
        doc_type: 'resident-id',
        doc_number: '110105194912310021',
        name: '张维',
        phone: '13900000001',
        sex: 'male',
        birth_date: '19491231',
        added_at: first.at,
        corrected_at: facts[1].at,
        removed_at: null,
        voided_at: voided.at,
        void_reason: '登记错了',
      });
    }
  });

  it("list a bag's tubes once each, from the first packing, and a handover's bags once each", () => {
    const bagId = randomUUID();
    const packed = fact('bag.packed', { bagId, bagBarcode: 'B000001', tubeId, tubeBarcode: barcode });
    const again = fact('bag.packed', { bagId, bagBarcode: 'B000001', tubeId, tubeBarcode: barcode });
    const sealed = fact('bag.sealed', { bagId, barcode: 'B000001', tubes: [barcode] });
    for (const order of permutations([packed, again, sealed])) {
      const folded = foldBag(SITE, bagId, order);
      expect(folded.bag).toMatchObject({ barcode: 'B000001', status: 'sealed', opened_at: null, sealed_at: sealed.at });
      expect(folded.tubes).toEqual([{ site_code: SITE, bag_id: bagId, tube_id: tubeId, tube_barcode: barcode, packed_at: packed.at, fact_id: packed.factId }]);
    }

    const handoverId = randomUUID();
    const handover = fact('handover', {
      handoverId,
      number: '20261123-001',
      bags: ['B000002', 'B000001', 'B000002'],
      courier: { name: '李师傅', phone: '13900001111', vehicle: '京A12345' },
      temperature: 4,
    });
    expect(foldHandover(SITE, handoverId, [handover])!.bags.map((bag) => bag.bag_barcode)).toEqual(['B000001', 'B000002']);
  });
});
