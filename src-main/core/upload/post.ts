// One request to the platform, and what came of it: an answer (any status), or no answer at all (refused,
// dropped, timed out). Never throws: the uploader decides what each outcome means.
import { troubleOfError, type UploadTrouble } from './trouble';

export type Reply =
  | { kind: 'answered'; status: number; retryAfter: string | null; body: string }
  | { kind: 'unreachable'; trouble: UploadTrouble };

export async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<Reply> {
  try {
    const response = await fetch(url, { method: 'POST', body, headers, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    // Read the whole answer inside the timeout too: a connection dropped halfway is no answer.
    const text = await response.text();
    return { kind: 'answered', status: response.status, retryAfter: response.headers.get('retry-after'), body: text };
  } catch (error) {
    return { kind: 'unreachable', trouble: troubleOfError(error, timeoutMs) };
  }
}
