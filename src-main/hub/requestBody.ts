// A request's body, up to a limit: past it the rest is not kept, and the request is refused 413.
import type http from 'node:http';
import { Refusal } from './refusal';

export function readBody(request: http.IncomingMessage, maxBytes: number, what: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // The 413 is answered and only then is the connection closed, so a station reads it and sends smaller
        // batches instead of the same one again.
        request.off('data', collect);
        reject(new Refusal(413, 'too-large', `${what} may be at most ${maxBytes} bytes.`));
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', collect);
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

/** A JSON body, up to a limit: refused 415 when not sent as JSON, 400 when it does not parse. `what` names it. */
export async function readJsonBody(request: http.IncomingMessage, maxBytes: number, what: string): Promise<unknown> {
  if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
    throw new Refusal(415, 'unsupported-media-type', `${what} is sent as application/json.`);
  }
  const text = (await readBody(request, maxBytes, what)).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new Refusal(400, 'malformed', 'The body is not JSON.');
  }
}
