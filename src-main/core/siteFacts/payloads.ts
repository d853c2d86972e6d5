// What the site's tables (the hub's, and a station's mirror of the other PCs) read of each kind of fact (docs/upload-protocol.md lists what the station sends).
// Unknown fields are ignored and bounds are generous, so a newer station's facts still fit; a fact that does not
// fit has no place in the site's tables, though it is stored and in the feed like any other.
import { z } from 'zod';
import { uuidSchema } from '../upload/protocol';

/** Ids as PostgreSQL writes them back, so that the same id read from a payload and from a column compare equal. */
const id = uuidSchema.transform((value) => value.toLowerCase());
const barcode = z.string().min(1).max(128);
const text = z.string().max(4000);
const count = z.number().int().min(0).max(100_000);

const tubeClosed = z.object({ tubeId: id, barcode, reason: text });

export const payloadSchemas = {
  'tube.opened': z.object({ tubeId: id, barcode, desk: z.string().min(1).max(128), capacity: count }),
  'tube.sealed': tubeClosed,
  'tube.discarded': tubeClosed,
  'tube.reopened': z.object({ tubeId: id, barcode }),
  'tube.voided': z.object({ tubeId: id, barcode, reason: text }),
  'person.added': z.object({
    registrationId: id,
    tubeId: id,
    tubeBarcode: barcode,
    position: count,
    source: text,
    docType: text,
    docNumber: text,
    name: text,
    phone: text,
    sex: text.nullable(),
    birthDate: text.nullable(),
  }),
  'person.removed': z.object({ registrationId: id, tubeId: id }),
  'person.voided': z.object({ registrationId: id, tubeId: id, reason: text }),
  'person.corrected': z.object({
    registrationId: id,
    docType: text.optional(),
    idNumber: text.optional(),
    name: text.optional(),
    phone: text.optional(),
  }),
  'bag.opened': z.object({ bagId: id, barcode, capacity: count }),
  'bag.packed': z.object({ bagId: id, bagBarcode: barcode, tubeId: id, tubeBarcode: barcode }),
  'bag.sealed': z.object({ bagId: id, barcode }),
  handover: z.object({
    handoverId: id,
    number: text,
    bags: z.array(barcode).max(1000),
    courier: z.object({ name: text, phone: text, vehicle: text }),
    temperature: z.number().nullish(),
  }),
} as const;

export type ProjectedKind = keyof typeof payloadSchemas;
export type Payload<K extends ProjectedKind> = z.output<(typeof payloadSchemas)[K]>;

/** A fact of a site as the projections read it: its envelope and what its kind says, or null if it does not fit. */
export type SiteFact = {
  [K in ProjectedKind]: { factId: string; kind: K; at: Date; stationId: string; payload: Payload<K> };
}[ProjectedKind];

export interface StoredSiteFact {
  factId: string;
  kind: string;
  at: Date;
  stationId: string;
  payload: unknown;
}

const isProjected = (kind: string): kind is ProjectedKind => Object.hasOwn(payloadSchemas, kind);

/** The fact as the projections read it, or why it has no place in them. */
export function readSiteFact(fact: StoredSiteFact): { fact: SiteFact } | { problem: string } {
  if (!isProjected(fact.kind)) return { problem: `no projection reads ${fact.kind}` };
  const parsed = payloadSchemas[fact.kind].safeParse(fact.payload);
  if (!parsed.success) return { problem: parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ') };
  return { fact: { factId: fact.factId, kind: fact.kind, at: fact.at, stationId: fact.stationId, payload: parsed.data } as SiteFact };
}

/** The entities a fact is about, by the ids the site's feed indexes it under. */
export interface FactSubjects {
  tubeId: string | null;
  registrationId: string | null;
  bagId: string | null;
  handoverId: string | null;
}

export function subjectsOf(fact: SiteFact | null): FactSubjects {
  const payload = (fact?.payload ?? {}) as Partial<Record<keyof FactSubjects, string>>;
  return {
    tubeId: payload.tubeId ?? null,
    registrationId: payload.registrationId ?? null,
    bagId: payload.bagId ?? null,
    handoverId: payload.handoverId ?? null,
  };
}

/** The column of the hub's site_facts and of a station's mirror_facts each subject of a fact is indexed under. */
export const SUBJECT_COLUMNS = {
  tubeId: 'tube_id',
  registrationId: 'registration_id',
  bagId: 'bag_id',
  handoverId: 'handover_id',
} as const satisfies Record<keyof FactSubjects, string>;
