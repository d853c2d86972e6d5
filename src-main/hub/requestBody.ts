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
