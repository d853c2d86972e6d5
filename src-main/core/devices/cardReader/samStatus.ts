// The reader's status byte (SW3) as a stable reason id and whom it is about. What the clerk is told for each
// reason lives in the windows' message catalogues (devices.problem.<reason>), in both languages.

/**
 * Who a status is about: 'none' for answers of a working reader; 'card' for a card that could not be read
 * (over once a card is read); 'reader' for the reader itself (over once it answers a find normally).
 */
export type StatusScope = 'none' | 'card' | 'reader';

export interface SamStatus {
  code: number;
  reason: string;
  scope: StatusScope;
}

export const SAM_STATUSES: readonly SamStatus[] = [
  { code: 0x90, reason: 'ok', scope: 'none' },
  { code: 0x9f, reason: 'find-ok', scope: 'none' },
  { code: 0x91, reason: 'field-empty', scope: 'none' },
  { code: 0x10, reason: 'checksum-error', scope: 'reader' },
  { code: 0x11, reason: 'length-error', scope: 'reader' },
  { code: 0x21, reason: 'bad-command', scope: 'reader' },
  { code: 0x23, reason: 'not-authorised', scope: 'reader' },
  { code: 0x24, reason: 'unrecognised', scope: 'reader' },
  { code: 0x31, reason: 'card-rejected-sam', scope: 'card' },
  { code: 0x32, reason: 'sam-auth-failed', scope: 'card' },
  { code: 0x33, reason: 'verification-error', scope: 'card' },
  { code: 0x40, reason: 'wrong-card-type', scope: 'card' },
  { code: 0x41, reason: 'read-failed', scope: 'card' },
  { code: 0x47, reason: 'random-number-failed', scope: 'card' },
  { code: 0x60, reason: 'sam-self-test-failed', scope: 'reader' },
  { code: 0x66, reason: 'sam-not-authorised', scope: 'reader' },
  { code: 0x80, reason: 'no-card', scope: 'none' },
  { code: 0x81, reason: 'select-failed', scope: 'card' },
];

const BY_CODE = new Map(SAM_STATUSES.map((status) => [status.code, status]));

/** The status for a code; a code the reference does not list is a reader problem. */
export function samStatus(code: number): SamStatus {
  return BY_CODE.get(code) ?? { code, reason: 'unknown-status', scope: 'reader' };
}

export function samReason(code: number): string {
  return samStatus(code).reason;
}
