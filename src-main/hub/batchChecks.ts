// What the hub checks of each fact of a batch before storing it: a malformed fact, or one PostgreSQL could never
// store as it is, is rejected on its own with its reason, and the rest of the batch goes on.
import { factResultSchema, wireFactSchema, type FactResult } from '../core/upload/protocol';
import type { StoredFact } from './store';

/** The earliest time PostgreSQL reads in ISO form: it has no year 0000. */
const EARLIEST_STORABLE_AT = Date.parse('0001-01-01T00:00:00Z');
const MAX_REASON_LENGTH = factResultSchema.shape.reason.unwrap().maxLength ?? Number.POSITIVE_INFINITY;

export const rejected = (factId: string, reason: string): FactResult => ({
  factId,
  status: 'rejected',
  reason: reason.slice(0, MAX_REASON_LENGTH),
});

/** Where a NUL character is (a string or key holding one), as a path; null if there is none. */
export function pathToNul(value: unknown): string | null {
  // A loop, not recursion: a fact nested a million deep must not overflow the stack.
  const pending: { value: unknown; path: string }[] = [{ value, path: '' }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    if (typeof next.value === 'string') {
      if (next.value.includes('\u0000')) return next.path;
    } else if (next.value !== null && typeof next.value === 'object') {
      for (const [key, child] of Object.entries(next.value)) {
        const name = key.replaceAll('\u0000', '\\u0000');
        const path = next.path ? `${next.path}.${name}` : name;
        if (key.includes('\u0000')) return path;
        pending.push({ value: child, path });
      }
    }
  }
  return null;
}

/** Why PostgreSQL could never store this well-formed fact, or null: what it refuses in text, jsonb and timestamptz. */
function unstorable(fact: Record<string, unknown> & { at: string }): string | null {
  const nul = pathToNul(fact);
  if (nul !== null) return `${nul || 'fact'}: holds a NUL character (\\u0000), which PostgreSQL cannot store`;
  if (Date.parse(fact.at) < EARLIEST_STORABLE_AT) return `at: ${fact.at} is before the first time PostgreSQL can hold`;
  return null;
}

/** Checks each fact on its own: a malformed or unstorable one is rejected with its reason, the others go on. */
export function sortFacts(facts: readonly unknown[]): { valid: StoredFact[]; results: Map<number, FactResult> } {
  const valid: StoredFact[] = [];
  const results = new Map<number, FactResult>();
  const seen = new Set<string>();
  facts.forEach((raw, index) => {
    const parsed = wireFactSchema.safeParse(raw);
    if (!parsed.success) {
      const factId = typeof (raw as { factId?: unknown })?.factId === 'string' ? (raw as { factId: string }).factId : '';
      const reason = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'fact'}: ${issue.message}`).join('; ');
      results.set(index, rejected(factId, reason));
      return;
    }
    const { factId, kind, at } = parsed.data;
    // The same key twice in one batch is one fact, in whatever case its hex digits are written (a rejected copy was
    // not that fact: the next is checked anew).
    const key = factId.toLowerCase();
    if (seen.has(key)) {
      results.set(index, { factId, status: 'duplicate' });
      return;
    }
    const problem = unstorable(parsed.data);
    if (problem) {
      results.set(index, rejected(factId, problem));
      return;
    }
    let payloadJson: string;
    try {
      payloadJson = JSON.stringify(parsed.data);
    } catch {
      results.set(index, rejected(factId, 'fact: nested too deeply to store'));
      return;
    }
    seen.add(key);
    valid.push({ factId, kind, at, payloadJson });
  });
  return { valid, results };
}
