// One request to the platform, and what came of it: an answer (any status), or no answer at all (refused,
// dropped, timed out). Never throws: the uploader decides what each outcome means.

export type Reply =
  | { kind: 'answered'; status: number; retryAfter: string | null; body: string }
  | { kind: 'unreachable'; reason: string };

function reasonOf(error: unknown, timeoutMs: number): string {
  const name = (error as Error).name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no answer within ${Math.round(timeoutMs / 1000)} s`;
  const code = ((error as { cause?: { code?: unknown } }).cause?.code ?? '') as string;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') return 'connection dropped';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  const cause = (error as { cause?: { message?: string } }).cause?.message;
  return cause ?? (error as Error).message;
}

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
    return { kind: 'unreachable', reason: reasonOf(error, timeoutMs) };
  }
}
