// What a refusal's words need besides its problem: for an invisible character, which field, which character and
// where; for a tube used before, when it was sealed and with how many, the desk it is open at (and the PC, for another
// PC of the site), or the day it was used;
// for a person sampled earlier today, when and at which desk (and the PC, for another PC of the site).
import type { InvisibleCharacter } from '../../src-main/core/domain/personText';
import { wallClock } from './wallClock';

export type Refusal =
  | { problem: string }
  | { problem: 'invisible-character'; character: InvisibleCharacter }
  | { problem: 'tube-sealed'; sealedAt: string; count: number }
  | { problem: 'tube-open-elsewhere'; desk: string }
  | { problem: 'tube-used-before'; day: string }
  | { problem: 'tube-used-elsewhere'; desk: string; pc: string }
  | { problem: 'sampled-today'; earlier: { at: string; desk: string; pc?: string } };

/** The parameters a refusal's words take. */
export function refusalParams(refusal: Refusal): Record<string, string | number> {
  if ('character' in refusal) return refusal.character;
  if ('earlier' in refusal) {
    const { at, desk, pc } = refusal.earlier;
    return { time: wallClock(at), desk, ...(pc === undefined ? {} : { pc }) };
  }
  if ('sealedAt' in refusal) return { time: wallClock(refusal.sealedAt), count: refusal.count };
  if ('pc' in refusal) return { desk: refusal.desk, pc: refusal.pc };
  if ('desk' in refusal) return { desk: refusal.desk };
  if ('day' in refusal) return { day: refusal.day };
  return {};
}
