// What an attempt's outcome means for the facts sent, as the protocol says (docs/upload-protocol.md): retried,
// split, held for a person, or waiting for new credentials.
import type { Reply } from './post';
import { problemSchema } from './protocol';
import type { UploadTrouble } from './trouble';

export type Verdict =
  | { kind: 'answered'; body: string }
  /** Timeouts, dropped or refused connections, 408, 429 and 5xx: the same facts are sent again later. */
  | { kind: 'retry'; trouble: UploadTrouble; retryAfter: string | null }
  /**
   * 401 and 403 (the token), 404, 405 and redirects (the URL): no fact is to blame, so none is held; nothing is
   * sent until a person fixes the settings or presses send now.
   */
  | { kind: 'halt'; trouble: UploadTrouble }
  /** 413: the batch is too large; smaller ones are tried. */
  | { kind: 'too-large'; trouble: UploadTrouble }
  /** Any other 4xx: something in the batch will never be taken as it is. */
  | { kind: 'refused'; trouble: UploadTrouble };

/** The platform's own words: the protocol's { error, message }, else the start of whatever it sent. */
function platformWords(body: string): string | undefined {
  let detail = body.trim().slice(0, 300);
  try {
    const problem = problemSchema.safeParse(JSON.parse(body));
    if (problem.success) detail = problem.data.message;
  } catch {
    // Not JSON: the text itself says what went wrong.
  }
  return detail === '' ? undefined : detail;
}

export function verdictOf(reply: Reply): Verdict {
  if (reply.kind === 'unreachable') return { kind: 'retry', trouble: reply.trouble, retryAfter: null };
  const { status, body } = reply;
  if (status >= 200 && status < 300) return { kind: 'answered', body };
  const detail = platformWords(body);
  const trouble: UploadTrouble = detail === undefined ? { problem: 'http', status } : { problem: 'http', status, detail };
  if (status === 408 || status === 429 || status >= 500) return { kind: 'retry', trouble, retryAfter: reply.retryAfter };
  if ([401, 403, 404, 405].includes(status)) return { kind: 'halt', trouble };
  if (status === 413) return { kind: 'too-large', trouble };
  if (status >= 400) return { kind: 'refused', trouble };
  // A redirect is not followed with people's data in it: the endpoint in the settings is to be corrected.
  return { kind: 'halt', trouble: { ...trouble, problem: 'redirect' } };
}
