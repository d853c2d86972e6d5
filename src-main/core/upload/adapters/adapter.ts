// How a batch of facts is put to a platform and how its answer is read, one adapter per kind of platform: the
// documented SwabDesk protocol, the same protocol with each fact mapped by the site's JSON template, or FHIR R4.
import { batchAnswerSchema, FACTS_PATH, type FactResult } from '../protocol';
import type { OutboxFact, Sender } from '../outboxFact';
import type { UploadSettings } from '../uploadSettings';
import { applyTemplate } from './template';
import { fhirTransaction, isFhirMapped } from './fhir';

export interface Adapter {
  url(endpoint: string): string;
  contentType: string;
  /** The request body; null when nothing in the batch has a place on this platform. */
  body(facts: readonly OutboxFact[], sender: Sender): string | null;
  /** Each fact's result from a 2xx answer; null when the answer cannot be read (the batch is sent again). */
  results(facts: readonly OutboxFact[], answer: string): FactResult[] | null;
  /** Whether an answer the protocol reads as "wrong URL" (404) is about the batch instead, for this platform. */
  blamesBatch(status: number, answer: string): boolean;
}

function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The sender as a platform with a template of its own is told it: the backlog report is the SwabDesk protocol's. */
const withoutBacklog = ({ siteCode, siteName, stationId }: Sender): Sender => ({ siteCode, siteName, stationId });

function protocolAdapter(toWire: (fact: OutboxFact, sender: Sender) => unknown, reportsBacklog: boolean): Adapter {
  return {
    url: (endpoint) => `${endpoint.replace(/\/+$/, '')}${FACTS_PATH}`,
    contentType: 'application/json',
    body(facts, sender) {
      const told = reportsBacklog ? sender : withoutBacklog(sender);
      return JSON.stringify({ sender: told, facts: facts.map((fact) => toWire(fact, told)) });
    },
    results(_facts, answer) {
      const parsed = batchAnswerSchema.safeParse(readJson(answer));
      return parsed.success ? parsed.data.results : null;
    },
    blamesBatch: () => false,
  };
}

/** FHIR: one transaction Bundle per batch; a transaction is all or nothing, so its answer acknowledges every fact. */
const fhirAdapter: Adapter = {
  url: (endpoint) => endpoint.replace(/\/+$/, ''),
  contentType: 'application/fhir+json',
  body(facts, sender) {
    const bundle = fhirTransaction(
      facts.filter((fact) => isFhirMapped(fact.kind)),
      sender,
    );
    // Nothing to say (no mapped fact, or only corrections with no document to find the Patient by).
    return bundle.entry.length === 0 ? null : JSON.stringify(bundle);
  },
  results(facts, answer) {
    const bundle = readJson(answer) as { resourceType?: unknown; type?: unknown } | undefined;
    if (bundle?.resourceType !== 'Bundle' || bundle.type !== 'transaction-response') return null;
    return facts.map((fact) => ({ factId: fact.factId, status: 'stored' as const }));
  },
  // A transaction whose conditional patch finds nothing fails with 404 and an OperationOutcome: one of its facts is
  // to blame, and halving the batch finds it. A 404 without one is a wrong base URL.
  blamesBatch: (status, answer) =>
    status === 404 && (readJson(answer) as { resourceType?: unknown } | undefined)?.resourceType === 'OperationOutcome',
};

export function adapterFor(settings: UploadSettings): Adapter {
  if (settings.adapter === 'fhir') return fhirAdapter;
  if (settings.adapter === 'template') return protocolAdapter((fact, sender) => applyTemplate(settings.template, fact, sender), false);
  return protocolAdapter((fact) => fact.payload, true);
}
