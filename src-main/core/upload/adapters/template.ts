// A site's own JSON template maps each fact to its platform's field names: "{{name}}" as a whole string is the
// fact's value as it is (number, null…); inside a longer string it is written as text. What a template may name
// is the fact's payload fields and the sender's (siteCode, siteName, stationId).
import { because } from '../../domain/inputIssues';
import type { OutboxFact, Sender } from '../outboxFact';

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}/g;
const WHOLE = /^\{\{\s*([A-Za-z][A-Za-z0-9_]*)\s*\}\}$/;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function fill(template: Json, values: Record<string, unknown>): Json {
  if (typeof template === 'string') {
    const whole = WHOLE.exec(template);
    if (whole) return (values[whole[1]] ?? null) as Json;
    return template.replace(PLACEHOLDER, (_, key: string) => {
      const value = values[key];
      return value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
    });
  }
  if (Array.isArray(template)) return template.map((item) => fill(item, values));
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, fill(value, values)]));
  }
  return template;
}

/** Why a template cannot be used, or null when it can: it must be a JSON object that carries the fact's key. */
export function templateProblem(text: string): ReturnType<typeof because> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return because('template-not-json', `not JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return because('template-not-object', 'must be a JSON object');
  // The platform acknowledges each fact by its key: a template without it could never be acknowledged.
  if (!/\{\{\s*factId\s*\}\}/.test(text)) {
    return because('template-without-fact-id', 'must carry {{factId}}, the key the platform acknowledges');
  }
  return null;
}

export function applyTemplate(template: string, fact: OutboxFact, sender: Sender): Json {
  return fill(JSON.parse(template) as Json, { ...sender, ...fact.payload, factId: fact.factId, kind: fact.kind, at: fact.at });
}
