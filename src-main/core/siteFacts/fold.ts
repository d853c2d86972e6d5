// The site's tables as pure functions of the facts about each thing: a tube, a registration, a bag, a handover.
// Each fold sorts its facts into one canonical order first (time at the station, then the lifecycle's own order,
// then the fact's id), so the row it gives depends on which facts exist, never on the order they arrived in.
// Whatever arrived first makes a row: a person before its tube's opening makes the tube (its barcode known, its
// desk not yet); a void before what it voids is kept, and holds once the rest arrives.
import type { Payload, SiteFact } from './payloads';

export interface TubeRow {
  site_code: string;
  tube_id: string;
  barcode: string | null;
  station_id: string | null;
  desk: string | null;
  capacity: number | null;
  opened_at: Date | null;
  opened_fact: string | null;
  status: 'open' | 'sealed' | 'discarded' | null;
  close_reason: string | null;
  closed_at: Date | null;
  /** People in the tube: added and neither taken out nor voided. */
  people: number;
  voided_at: Date | null;
  void_reason: string | null;
}

export interface RegistrationRow {
  site_code: string;
  registration_id: string;
  tube_id: string | null;
  station_id: string | null;
  position: number | null;
  source: string | null;
  doc_type: string | null;
  doc_number: string | null;
  name: string | null;
  phone: string | null;
  sex: string | null;
  birth_date: string | null;
  added_at: Date | null;
  corrected_at: Date | null;
  removed_at: Date | null;
  voided_at: Date | null;
  void_reason: string | null;
}

export interface BagRow {
  site_code: string;
  bag_id: string;
  barcode: string | null;
  station_id: string | null;
  capacity: number | null;
  opened_at: Date | null;
  status: 'open' | 'sealed' | null;
  sealed_at: Date | null;
}

export interface BagTubeRow {
  site_code: string;
  bag_id: string;
  tube_id: string;
  tube_barcode: string;
  packed_at: Date;
  fact_id: string;
}

export interface HandoverRow {
  site_code: string;
  handover_id: string;
  number: string;
  station_id: string;
  handed_at: Date;
  courier_name: string;
  courier_phone: string;
  vehicle: string;
  temperature: number | null;
  fact_id: string;
}

export interface HandoverBagRow {
  site_code: string;
  handover_id: string;
  bag_barcode: string;
}

/** Where facts of one instant go: a tube is opened before anything else happens to it, and opened again after. */
const rank = (fact: SiteFact) => (fact.kind === 'tube.opened' ? 0 : fact.kind === 'tube.reopened' ? 2 : 1);

export function inCanonicalOrder(facts: readonly SiteFact[]): SiteFact[] {
  return [...facts].sort(
    (a, b) => a.at.getTime() - b.at.getTime() || rank(a) - rank(b) || (a.factId < b.factId ? -1 : a.factId > b.factId ? 1 : 0),
  );
}

export function foldTube(siteCode: string, tubeId: string, facts: readonly SiteFact[]): TubeRow {
  const row: TubeRow = {
    site_code: siteCode,
    tube_id: tubeId,
    barcode: null,
    station_id: null,
    desk: null,
    capacity: null,
    opened_at: null,
    opened_fact: null,
    status: null,
    close_reason: null,
    closed_at: null,
    people: 0,
    voided_at: null,
    void_reason: null,
  };
  let firstBarcode: string | null = null;
  const added = new Set<string>();
  const gone = new Set<string>();
  for (const fact of inCanonicalOrder(facts)) {
    switch (fact.kind) {
      case 'tube.opened':
        if (row.opened_fact === null) {
          Object.assign(row, {
            barcode: fact.payload.barcode,
            station_id: fact.stationId,
            desk: fact.payload.desk,
            capacity: fact.payload.capacity,
            opened_at: fact.at,
            opened_fact: fact.factId,
          });
        }
        Object.assign(row, { status: 'open', close_reason: null, closed_at: null });
        break;
      case 'tube.sealed':
      case 'tube.discarded':
        firstBarcode ??= fact.payload.barcode;
        Object.assign(row, {
          status: fact.kind === 'tube.sealed' ? 'sealed' : 'discarded',
          close_reason: fact.payload.reason,
          closed_at: fact.at,
        });
        break;
      case 'tube.reopened':
        firstBarcode ??= fact.payload.barcode;
        Object.assign(row, { status: 'open', close_reason: null, closed_at: null });
        break;
      case 'tube.voided':
        firstBarcode ??= fact.payload.barcode;
        if (row.voided_at === null) Object.assign(row, { voided_at: fact.at, void_reason: fact.payload.reason });
        break;
      case 'person.added':
        firstBarcode ??= fact.payload.tubeBarcode;
        added.add(fact.payload.registrationId);
        break;
      case 'person.removed':
      case 'person.voided':
        gone.add(fact.payload.registrationId);
        break;
      case 'bag.packed':
        firstBarcode ??= fact.payload.tubeBarcode;
        break;
    }
  }
  row.barcode ??= firstBarcode;
  row.people = [...added].filter((registrationId) => !gone.has(registrationId)).length;
  return row;
}

const CORRECTED_COLUMNS = { docType: 'doc_type', idNumber: 'doc_number', name: 'name', phone: 'phone' } as const;

export function foldRegistration(siteCode: string, registrationId: string, facts: readonly SiteFact[]): RegistrationRow {
  const row: RegistrationRow = {
    site_code: siteCode,
    registration_id: registrationId,
    tube_id: null,
    station_id: null,
    position: null,
    source: null,
    doc_type: null,
    doc_number: null,
    name: null,
    phone: null,
    sex: null,
    birth_date: null,
    added_at: null,
    corrected_at: null,
    removed_at: null,
    voided_at: null,
    void_reason: null,
  };
  const corrections: { at: Date; payload: Payload<'person.corrected'> }[] = [];
  for (const fact of inCanonicalOrder(facts)) {
    switch (fact.kind) {
      case 'person.added':
        if (row.added_at === null) {
          const person = fact.payload;
          Object.assign(row, {
            tube_id: person.tubeId,
            station_id: fact.stationId,
            position: person.position,
            source: person.source,
            doc_type: person.docType,
            doc_number: person.docNumber,
            name: person.name,
            phone: person.phone,
            sex: person.sex,
            birth_date: person.birthDate,
            added_at: fact.at,
          });
        }
        break;
      case 'person.removed':
        row.tube_id ??= fact.payload.tubeId;
        row.removed_at ??= fact.at;
        break;
      case 'person.voided':
        row.tube_id ??= fact.payload.tubeId;
        if (row.voided_at === null) Object.assign(row, { voided_at: fact.at, void_reason: fact.payload.reason });
        break;
      case 'person.corrected':
        corrections.push({ at: fact.at, payload: fact.payload });
        break;
    }
  }
  // A correction changes what the registration said, whenever its clock said it happened: the details as
  // registered first, then each correction in order, the latest last.
  for (const { at, payload } of corrections) {
    for (const [field, column] of Object.entries(CORRECTED_COLUMNS)) {
      const value = payload[field as keyof typeof CORRECTED_COLUMNS];
      if (value !== undefined) row[column] = value;
    }
    row.corrected_at = at;
  }
  return row;
}

export function foldBag(siteCode: string, bagId: string, facts: readonly SiteFact[]): { bag: BagRow; tubes: BagTubeRow[] } {
  const bag: BagRow = {
    site_code: siteCode,
    bag_id: bagId,
    barcode: null,
    station_id: null,
    capacity: null,
    opened_at: null,
    status: null,
    sealed_at: null,
  };
  let firstBarcode: string | null = null;
  const tubes = new Map<string, BagTubeRow>();
  for (const fact of inCanonicalOrder(facts)) {
    switch (fact.kind) {
      case 'bag.opened':
        if (bag.opened_at === null) {
          Object.assign(bag, { barcode: fact.payload.barcode, station_id: fact.stationId, capacity: fact.payload.capacity, opened_at: fact.at });
        }
        break;
      case 'bag.packed':
        firstBarcode ??= fact.payload.bagBarcode;
        if (!tubes.has(fact.payload.tubeId)) {
          tubes.set(fact.payload.tubeId, {
            site_code: siteCode,
            bag_id: bagId,
            tube_id: fact.payload.tubeId,
            tube_barcode: fact.payload.tubeBarcode,
            packed_at: fact.at,
            fact_id: fact.factId,
          });
        }
        break;
      case 'bag.sealed':
        firstBarcode ??= fact.payload.barcode;
        bag.sealed_at ??= fact.at;
        break;
    }
  }
  bag.barcode ??= firstBarcode;
  bag.status = bag.sealed_at !== null ? 'sealed' : bag.opened_at !== null ? 'open' : null;
  return { bag, tubes: [...tubes.values()] };
}

export function foldHandover(
  siteCode: string,
  handoverId: string,
  facts: readonly SiteFact[],
): { handover: HandoverRow; bags: HandoverBagRow[] } | null {
  const handovers = inCanonicalOrder(facts).filter((fact) => fact.kind === 'handover');
  if (handovers.length === 0) return null;
  const [first] = handovers;
  const bagBarcodes = new Set(handovers.flatMap((fact) => fact.payload.bags));
  return {
    handover: {
      site_code: siteCode,
      handover_id: handoverId,
      number: first.payload.number,
      station_id: first.stationId,
      handed_at: first.at,
      courier_name: first.payload.courier.name,
      courier_phone: first.payload.courier.phone,
      vehicle: first.payload.courier.vehicle,
      temperature: first.payload.temperature ?? null,
      fact_id: first.factId,
    },
    bags: [...bagBarcodes].sort().map((bagBarcode) => ({ site_code: siteCode, handover_id: handoverId, bag_barcode: bagBarcode })),
  };
}
