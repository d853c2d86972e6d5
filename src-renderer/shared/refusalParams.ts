// A refusal for an invisible character carries which field, which character and where: the words need all three.
import type { InvisibleCharacter } from '../../src-main/core/domain/personText';

export type Refusal = { problem: string } | { problem: 'invisible-character'; character: InvisibleCharacter };

/** The parameters a refusal's words take: the invisible character's field, code point and position, or none. */
export function refusalParams(refusal: Refusal): Record<string, string | number> {
  return 'character' in refusal ? refusal.character : {};
}
