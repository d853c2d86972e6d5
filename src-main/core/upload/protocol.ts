// The upload protocol (docs/upload-protocol.md, docs/openapi.yaml) as schemas: what a station sends and what the
// platform answers. The uploader and the hub both read them from here.
import { z } from 'zod';

export const FACTS_PATH = '/v1/facts';

export const uuidSchema = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'a UUID');

/**
 * What the station still has to send besides the batch it comes with, measured as the batch was made: the facts
 * waiting in its outbox (held ones not counted) and when the oldest was recorded, both by the station's clock.
 */
export const backlogReportSchema = z.object({
  waiting: z.number().int().min(0),
  oldestAt: z.iso.datetime().nullable(),
  /** Orders the reports of one station: batches arrive out of order when retried. */
  measuredAt: z.iso.datetime(),
});

export const senderSchema = z.object({
  siteCode: z.string().max(32),
  siteName: z.string().max(60),
  stationId: uuidSchema,
  // Optional, and only the SwabDesk protocol sends it; a report the platform cannot read is dropped, never the
  // batch's facts with it.
  backlog: backlogReportSchema.optional().catch(undefined),
});

/** A fact on the wire: its key, kind and time, and what the platform is told of it. */
export const wireFactSchema = z
  .object({
    factId: uuidSchema,
    kind: z.string().regex(/^[a-z]+(?:\.[a-zA-Z]+)?$/, 'a fact kind such as person.added'),
    at: z.iso.datetime(),
  })
  .catchall(z.unknown());

/** The batch, checked as a whole first; each fact is then checked on its own, so one bad fact refuses only itself. */
export const batchSchema = z.object({
  sender: senderSchema,
  facts: z.array(z.unknown()).min(1).max(1000),
});


export const factResultSchema = z.object({
  factId: z.string(),
  /** stored: new; duplicate: this key was stored before (a resend); rejected: will never be stored as it is. */
  status: z.enum(['stored', 'duplicate', 'rejected']),
  reason: z.string().max(500).optional(),
});

export const batchAnswerSchema = z.object({ results: z.array(factResultSchema) });

export type FactResult = z.infer<typeof factResultSchema>;

/** A problem the platform explains: every non-2xx answer carries one. */
export const problemSchema = z.object({ error: z.string(), message: z.string() });

/** The hub's site feed (docs/hub.md): what the other stations of the token's site stored, in the hub's commit order. */
export const FEED_PATH = '/v1/feed';

export const feedAnswerSchema = z.object({
  /** Where the next request starts (`after`): past every fact of the site up to here, the reader's own included. */
  cursor: z.number().int().min(0),
  facts: z.array(
    z.object({
      /** The fact's position in its site's feed: 1, 2, 3… with no gap, in the order the hub committed them. */
      seq: z.number().int().min(1),
      stationId: uuidSchema,
      fact: wireFactSchema,
    }),
  ),
  /** The site's other enrolled stations: each one's label (its token's) and when it last uploaded. */
  stations: z.array(z.object({ stationId: uuidSchema, label: z.string(), lastSeen: z.iso.datetime({ offset: true }) })),
});
