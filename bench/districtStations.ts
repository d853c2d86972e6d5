// Stations of a district for the hub's benches, made up without a station: each enrolled at its site with a token of
// its own, each with its batches of tube facts ready, each sending one batch at a time as the uploader does.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { batchAnswerSchema } from '../src-main/core/upload/protocol';
import type { createStore } from '../src-main/hub/store';
import { sendBatch, type Sender } from '../tests/fixtures/hubClient';
import { tubeFacts, type WireFact } from '../tests/fixtures/siteFacts';

export const BATCH_SIZE = 200;
/** People in a tube: 12 facts a tube (opened, 10 people added, sealed), a tube often split between two batches. */
const POOLING = 10;
/** Tube barcodes, digits as printed on tubes, none used twice in a run (no conflicts to list). */
let nextBarcode = 20261130_000000;

export interface BenchStation {
  sender: Sender;
  token: string;
  batches: WireFact[][];
}

export interface Acknowledged {
  batch: WireFact[];
  sentAt: number;
  acknowledgedAt: number;
}

/** `count` stations, `perSite` to a site (sites named `prefix-1`, `prefix-2`…), each with `batchCount` batches. */
export async function enrolStations(
  store: ReturnType<typeof createStore>,
  prefix: string,
  count: number,
  perSite: number,
  batchCount: number,
): Promise<BenchStation[]> {
  const stations: BenchStation[] = [];
  for (let i = 0; i < count; i++) {
    const siteCode = `${prefix}-${Math.floor(i / perSite) + 1}`;
    const label = `${siteCode} PC${(i % perSite) + 1}`;
    const token = await store.enrol({ site: siteCode, label });
    stations.push({ sender: { siteCode, siteName: siteCode, stationId: randomUUID() }, token, batches: batchesOf(batchCount) });
  }
  return stations;
}

/** A station's day as it uploads it: tubes one after another, cut into batches of BATCH_SIZE facts. */
function batchesOf(batchCount: number): WireFact[][] {
  const facts: WireFact[] = [];
  while (facts.length < batchCount * BATCH_SIZE) facts.push(...tubeFacts(String(nextBarcode++), POOLING));
  return Array.from({ length: batchCount }, (_, i) => facts.slice(i * BATCH_SIZE, (i + 1) * BATCH_SIZE));
}

/** Every station sends its batches, one at a time; each batch must come back 200 with every fact stored. */
export async function uploadAll(url: string, stations: readonly BenchStation[], acknowledged: (batch: Acknowledged) => void): Promise<void> {
  await Promise.all(
    stations.map(async ({ sender, token, batches }) => {
      for (const batch of batches) {
        const sentAt = performance.now();
        const answer = await sendBatch(url, token, sender, batch);
        const acknowledgedAt = performance.now();
        if (answer.status !== 200) throw new Error(`${sender.siteCode}: the hub answered ${answer.status}: ${JSON.stringify(answer.json)}`);
        const notStored = batchAnswerSchema.parse(answer.json).results.filter((result) => result.status !== 'stored');
        if (notStored.length > 0) throw new Error(`${sender.siteCode}: not stored: ${JSON.stringify(notStored[0])}`);
        acknowledged({ batch, sentAt, acknowledgedAt });
      }
    }),
  );
}
