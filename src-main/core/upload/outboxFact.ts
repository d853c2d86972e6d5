// A fact as it leaves the outbox for the platform: its idempotency key, what happened, when, and what the platform
// is told of it (the payload recorded with the fact, which repeats the key, kind and time).
export interface OutboxFact {
  /** The fact's UUID: the key the platform deduplicates by. */
  factId: string;
  kind: string;
  /** ISO 8601, UTC. */
  at: string;
  payload: Record<string, unknown>;
}

/** Who is sending: the site as its platform knows it, and this station's own id. */
export interface Sender {
  siteCode: string;
  siteName: string;
  stationId: string;
}
