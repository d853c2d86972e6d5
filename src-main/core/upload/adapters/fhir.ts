// FHIR R4 for platforms that speak it: a batch of outbox facts becomes one transaction Bundle of who was swabbed
// (Patient), into which tube (Specimen) and for which test (ServiceRequest), with later changes sent as patches.
import { createHash } from 'node:crypto';
import type { DocumentType } from '../../domain/documents';
import { impliedByNumber } from '../../domain/person';
import type { OutboxFact, Sender } from '../outboxFact';

interface Identifier {
  system: string;
  value: string;
}

/** A reference to an entry of the same Bundle by its fullUrl, or a logical one by identifier. */
interface Reference {
  reference?: string;
  type?: string;
  identifier?: Identifier;
  display?: string;
}

interface Meta {
  source: string;
}

export interface Patient {
  resourceType: 'Patient';
  meta: Meta;
  identifier: Identifier[];
  name?: { text: string }[];
  telecom?: { system: 'phone'; value: string }[];
  gender: 'male' | 'female' | 'unknown';
  birthDate?: string;
}

export interface Specimen {
  resourceType: 'Specimen';
  meta: Meta;
  identifier: Identifier[];
  status: 'available';
  type: { text: string };
  collection: { collectedDateTime: string };
}

export interface ServiceRequest {
  resourceType: 'ServiceRequest';
  meta: Meta;
  identifier: Identifier[];
  status: 'active';
  intent: 'order';
  code: { text: string };
  subject: Reference;
  specimen: Reference[];
  authoredOn: string;
  requester?: Reference;
}

type PatchPart =
  | { name: 'type'; valueCode: 'replace' }
  | { name: 'path'; valueString: string }
  | { name: 'value'; valueCode: string }
  | { name: 'value'; valueReference: Reference };

/** A FHIRPath Patch: one element changes, the rest of the resource stays as the platform holds it. */
export interface PatchParameters {
  resourceType: 'Parameters';
  parameter: { name: 'operation'; part: PatchPart[] }[];
}

export type FhirResource = Patient | Specimen | ServiceRequest | PatchParameters;

export interface BundleEntry {
  fullUrl: string;
  resource: FhirResource;
  request: { method: 'POST'; url: string; ifNoneExist: string } | { method: 'PATCH'; url: string };
}

export interface FhirBundle {
  resourceType: 'Bundle';
  type: 'transaction';
  entry: BundleEntry[];
}

const TUBE = 'urn:swabdesk:tube';
const REGISTRATION = 'urn:swabdesk:registration';
const FACT = 'urn:swabdesk:fact';
const SITE = 'urn:swabdesk:site';
const documentSystem = (docType: string) => `urn:swabdesk:doc:${docType}`;

// Our own UUIDv5 namespace (RFC 4122 §4.3): the same name always gives the same id, so a batch sent again is
// the same Bundle byte for byte.
const NAMESPACE = Buffer.from('fc78ffc6749a4063ad0a26c63a4df393', 'hex');

function uuidUrl(name: string): string {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A token search: FHIR's separators in the value escaped, then URL-encoded (an 'other' document may hold anything). */
function byIdentifier(system: string, value: string): string {
  return `identifier=${system}|${encodeURIComponent(value.replace(/[\\|,$]/g, '\\$&'))}`;
}

const text = (payload: Record<string, unknown>, key: string): string => {
  const value = payload[key];
  return typeof value === 'string' ? value : '';
};

/** Conditional create: what the platform holds already (sent before, or by another registration) is not made twice. */
function create(fullUrl: string, resource: Patient | Specimen | ServiceRequest, ifNoneExist: string): BundleEntry {
  return { fullUrl, resource, request: { method: 'POST', url: resource.resourceType, ifNoneExist } };
}

// A conditional update (PUT) would replace the whole resource, and a revoking or voiding fact knows neither the
// person nor the tube: the order would lose its subject. A patch changes the one element the fact is about.
function patch(fact: OutboxFact, url: string, path: string, value: Extract<PatchPart, { name: 'value' }>): BundleEntry {
  const part: PatchPart[] = [{ name: 'type', valueCode: 'replace' }, { name: 'path', valueString: path }, value];
  return {
    fullUrl: uuidUrl(`fact:${fact.factId}`),
    resource: { resourceType: 'Parameters', parameter: [{ name: 'operation', part }] },
    request: { method: 'PATCH', url },
  };
}

interface PatientFields {
  docType: string;
  docNumber: string;
  name: string;
  phone: string;
  sex: unknown;
  birthDate: unknown;
}

/** A person is one Patient per document, whichever registration names them: its fullUrl comes from the document. */
function patientEntry(person: PatientFields, meta: Meta): BundleEntry {
  const system = documentSystem(person.docType);
  const birth = typeof person.birthDate === 'string' && /^\d{8}$/.test(person.birthDate) ? person.birthDate : null;
  const resource: Patient = {
    resourceType: 'Patient',
    meta,
    identifier: [{ system, value: person.docNumber }],
    // A code token names nobody and an ID card carries no phone: what is not known is left out, never sent empty.
    ...(person.name ? { name: [{ text: person.name }] } : {}),
    ...(person.phone ? { telecom: [{ system: 'phone', value: person.phone }] } : {}),
    gender: person.sex === 'male' || person.sex === 'female' ? person.sex : 'unknown',
    ...(birth ? { birthDate: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}` } : {}),
  };
  return create(uuidUrl(`patient:${system}|${person.docNumber}`), resource, byIdentifier(system, person.docNumber));
}

// A pooled tube holds the swabs of N people, so the Specimen is the tube: one per barcode, with no subject (a
// Specimen's subject is one patient). Each person's ServiceRequest points at it; voiding the tube is then one
// change to one resource. A Specimen per registration would make a tube's void N changes the fact cannot name.
function tubeEntry(barcode: string, at: string, meta: Meta): BundleEntry {
  const resource: Specimen = {
    resourceType: 'Specimen',
    meta,
    identifier: [{ system: TUBE, value: barcode }],
    status: 'available',
    type: { text: 'Pooled swab' },
    // The first swab of the tube in this batch; a tube the platform holds already keeps its own time.
    collection: { collectedDateTime: at },
  };
  return create(uuidUrl(`tube:${barcode}`), resource, byIdentifier(TUBE, barcode));
}

/** The site that requests the test, as a logical reference: the platform knows its sites by code. */
function requester(sender: Sender): Pick<ServiceRequest, 'requester'> {
  if (!sender.siteCode && !sender.siteName) return {};
  return {
    requester: {
      type: 'Organization',
      ...(sender.siteCode ? { identifier: { system: SITE, value: sender.siteCode } } : {}),
      ...(sender.siteName ? { display: sender.siteName } : {}),
    },
  };
}

type Mapping = (fact: OutboxFact, sender: Sender, meta: Meta) => BundleEntry[];

const personAdded: Mapping = (fact, sender, meta) => {
  const p = fact.payload;
  const patient = patientEntry(
    {
      docType: text(p, 'docType'),
      docNumber: text(p, 'docNumber'),
      name: text(p, 'name'),
      phone: text(p, 'phone'),
      sex: p.sex,
      birthDate: p.birthDate,
    },
    meta,
  );
  const tube = tubeEntry(text(p, 'tubeBarcode'), fact.at, meta);
  const order: ServiceRequest = {
    resourceType: 'ServiceRequest',
    meta,
    identifier: [
      { system: REGISTRATION, value: text(p, 'registrationId') },
      { system: FACT, value: fact.factId },
    ],
    status: 'active',
    intent: 'order',
    code: { text: 'SARS-CoV-2 nucleic acid test (pooled sample)' },
    subject: { reference: patient.fullUrl },
    specimen: [{ reference: tube.fullUrl }],
    authoredOn: fact.at,
    ...requester(sender),
  };
  // Keyed by the fact: the platform holding this fact already makes nothing new.
  return [patient, tube, create(uuidUrl(`fact:${fact.factId}`), order, byIdentifier(FACT, fact.factId))];
};

/** Undone at the desk or voided by the manager: the person's order is revoked, the person and tube stay. */
const revoked: Mapping = (fact) => {
  const order = `ServiceRequest?${byIdentifier(REGISTRATION, text(fact.payload, 'registrationId'))}`;
  return [patch(fact, order, 'ServiceRequest.status', { name: 'value', valueCode: 'revoked' })];
};

const tubeVoided: Mapping = (fact) => {
  const tube = `Specimen?${byIdentifier(TUBE, text(fact.payload, 'barcode'))}`;
  return [patch(fact, tube, 'Specimen.status', { name: 'value', valueCode: 'entered-in-error' })];
};

// A correction carries only the fields that changed, and a Patient is found by its document. When the document
// changed (type and number both given) the order moves to the Patient of the right document, made if the
// platform has none; a conditional update would instead overwrite that person's name and phone with whatever
// the fact happens to carry. A corrected name or phone alone, or half a document, names no Patient to change,
// so such a correction maps to nothing.
const personCorrected: Mapping = (fact, _sender, meta) => {
  const p = fact.payload;
  if (typeof p.docType !== 'string' || typeof p.idNumber !== 'string') return [];
  const patient = patientEntry(
    {
      docType: p.docType,
      docNumber: p.idNumber,
      name: text(p, 'name'),
      phone: text(p, 'phone'),
      // The registration's sex and birth date were recomputed from the new number in the same way.
      ...impliedByNumber(p.docType as DocumentType, p.idNumber),
    },
    meta,
  );
  const order = `ServiceRequest?${byIdentifier(REGISTRATION, text(p, 'registrationId'))}`;
  return [
    patient,
    patch(fact, order, 'ServiceRequest.subject', { name: 'value', valueReference: { reference: patient.fullUrl } }),
  ];
};

// Tube openings and seals, bags and handovers have no resource here: the uploader acknowledges them locally.
const MAPPINGS = new Map<string, Mapping>([
  ['person.added', personAdded],
  ['person.removed', revoked],
  ['person.voided', revoked],
  ['person.corrected', personCorrected],
  ['tube.voided', tubeVoided],
]);

export function isFhirMapped(kind: string): boolean {
  return MAPPINGS.has(kind);
}

/** Facts of unmapped kinds are left out; a Patient or tube named by several facts is one entry. */
export function fhirTransaction(facts: readonly OutboxFact[], sender: Sender): FhirBundle {
  const meta: Meta = { source: `urn:swabdesk:station:${sender.stationId}` };
  const entries = new Map<string, BundleEntry>();
  for (const fact of facts) {
    for (const entry of MAPPINGS.get(fact.kind)?.(fact, sender, meta) ?? []) {
      if (!entries.has(entry.fullUrl)) entries.set(entry.fullUrl, entry);
    }
  }
  return { resourceType: 'Bundle', type: 'transaction', entry: [...entries.values()] };
}
