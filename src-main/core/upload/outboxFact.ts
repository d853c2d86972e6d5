// A fact as it leaves the outbox for the platform: its idempotency key, what happened, when, and what the platform
// is told of it (the payload recorded with the fact, which repeats the key, kind and time).
import type { z } from 'zod';
import type { senderSchema } from './protocol';

export interface OutboxFact {
  /** The fact's UUID: the key the platform deduplicates by. */
  factId: string;
  kind: string;
  /** ISO 8601, UTC. */
  at: string;
  payload: Record<string, unknown>;
}

/** Who is sending: the site as its platform knows it, and this station's own id. */
export type Sender = z.output<typeof senderSchema>;
