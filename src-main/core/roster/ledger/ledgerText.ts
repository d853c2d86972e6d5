// A ledger's text fields through the desk's one rule for a person's text (personText.ts), with what a hand-kept
// spreadsheet adds: a line break typed inside an address or a list of tags (Alt+Enter) is a space there.
import { cleanText } from '../../domain/personText';

/** Longer than this, a cell holds something other than what its column says. */
export const MAX_TEXT = 100;

export type LedgerText = { ok: true; text: string } | { ok: false; problem: 'invisible-character' | 'text-too-long' };

function withinLength(cleaned: ReturnType<typeof cleanText>): LedgerText {
  if (!cleaned.ok) return { ok: false, problem: 'invisible-character' };
  return [...cleaned.text].length > MAX_TEXT ? { ok: false, problem: 'text-too-long' } : cleaned;
}

/** A name, a document number, a phone: any control or invisible character is refused, as at the desk. */
export const personText = (raw: string, field: 'name' | 'idNumber' | 'phone') => withinLength(cleanText(raw, field));

/** A grid, a building, a unit, a room, an address, tags. ('reason', the free-text field, only names where a refusal's detail points.) */
export const placeText = (raw: string) => withinLength(cleanText(raw.replace(/[\r\n\t]+/gu, ' '), 'reason'));
