// What went wrong with an attempt to reach the platform, as a problem the manager's window words in its language:
// the network's failures by kind, the platform's answers by status with its own words beside them. Kept as the
// uploader's last error.
import { z } from 'zod';

export const uploadTroubleSchema = z.object({
  problem: z.enum([
    'timeout',
    'connection-refused',
    'connection-dropped',
    'host-not-found',
    'network-unreachable',
    'tls',
    'bad-port',
    // The platform answered with an error status; `detail` is its own message.
    'http',
    'redirect',
    // The platform took the batch but refused `count` of its `of` facts; `detail` is its reason for the first.
    'facts-refused',
    'unreadable-answer',
    'nothing-acknowledged',
    // Anything else; `detail` says what, for whoever supports the station.
    'other',
  ]),
  status: z.number().int().optional(),
  seconds: z.number().optional(),
  count: z.number().int().optional(),
  of: z.number().int().optional(),
  detail: z.string().optional(),
});
export type UploadTrouble = z.output<typeof uploadTroubleSchema>;

const BY_CODE: Record<string, UploadTrouble['problem']> = {
  ECONNREFUSED: 'connection-refused',
  ECONNRESET: 'connection-dropped',
  UND_ERR_SOCKET: 'connection-dropped',
  EPIPE: 'connection-dropped',
  ENOTFOUND: 'host-not-found',
  EAI_AGAIN: 'host-not-found',
  EHOSTUNREACH: 'network-unreachable',
  ENETUNREACH: 'network-unreachable',
  ETIMEDOUT: 'network-unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'network-unreachable',
  EPROTO: 'tls',
};
// Certificates and the TLS handshake: expired, self-signed, for another host, or no TLS at the other end.
const TLS_CODE = /^(ERR_TLS_|ERR_SSL_|CERT_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_(GET|VERIFY)_)/;

/** Why a request got no answer: a timeout, or the network's failure as Node's fetch reports it in its cause. */
export function troubleOfError(error: unknown, timeoutMs: number): UploadTrouble {
  const name = (error as Error).name;
  if (name === 'TimeoutError' || name === 'AbortError') return { problem: 'timeout', seconds: Math.round(timeoutMs / 1000) };
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : '';
  if (BY_CODE[code]) return { problem: BY_CODE[code] };
  if (TLS_CODE.test(code)) return { problem: 'tls', detail: code };
  // Fetch refuses ports browsers keep away from (6000, 1…) before it connects.
  if (cause?.message === 'bad port') return { problem: 'bad-port' };
  return { problem: 'other', detail: code || String(cause?.message ?? (error as Error).message) };
}

/** A held fact's reason, as the held list shows it: the status and the platform's own words. */
export function heldReason(trouble: UploadTrouble): string {
  if (trouble.status === undefined) return trouble.detail ?? trouble.problem;
  return trouble.detail ? `HTTP ${trouble.status}: ${trouble.detail}` : `HTTP ${trouble.status}`;
}

/** The last error as it was stored: this trouble, or the text an older station wrote there. */
export function storedTrouble(text: string): UploadTrouble {
  try {
    const parsed = uploadTroubleSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // Written before troubles were stored as such: its text is the detail.
  }
  return { problem: 'other', detail: text };
}
