import { describe, expect, it } from 'vitest';
import { verdictOf } from '../../../src-main/core/upload/verdict';

const answered = (status: number, body = '', retryAfter: string | null = null) =>
  verdictOf({ kind: 'answered', status, body, retryAfter });

describe('what an answer means for the batch', () => {
  it('retries timeouts, dropped and refused connections, 408, 429 and every 5xx', () => {
    expect(verdictOf({ kind: 'unreachable', trouble: { problem: 'connection-refused' } })).toEqual({
      kind: 'retry',
      trouble: { problem: 'connection-refused' },
      retryAfter: null,
    });
    for (const status of [408, 429, 500, 502, 503, 504, 599]) expect(answered(status).kind, String(status)).toBe('retry');
    expect(answered(429, '', '7')).toMatchObject({ retryAfter: '7' });
  });

  it('halts on the token or the URL, which no fact is to blame for', () => {
    for (const status of [401, 403, 404, 405, 301, 302, 307]) expect(answered(status).kind, String(status)).toBe('halt');
    expect(answered(302)).toMatchObject({ trouble: { problem: 'redirect', status: 302 } });
  });

  it('splits on 413 and holds on any other 4xx', () => {
    expect(answered(413).kind).toBe('too-large');
    for (const status of [400, 409, 410, 415, 422, 451]) expect(answered(status).kind, String(status)).toBe('refused');
  });

  it("takes 2xx as an answer to read, and words a problem with the platform's own message", () => {
    expect(answered(200, '{"results":[]}')).toEqual({ kind: 'answered', body: '{"results":[]}' });
    expect(answered(422, '{"error":"bad","message":"docNumber is missing"}')).toMatchObject({
      trouble: { problem: 'http', status: 422, detail: 'docNumber is missing' },
    });
    expect(answered(500, 'Internal Server Error')).toMatchObject({ trouble: { problem: 'http', status: 500, detail: 'Internal Server Error' } });
    expect(answered(503)).toMatchObject({ trouble: { problem: 'http', status: 503 } });
    expect(answered(503)).not.toHaveProperty('trouble.detail');
  });
});
