// A desk's own settings: how much of a person's name its screen shows, and how much of it is read out aloud after
// each person. The core hands the window no more of a name than these allow.
import { z } from 'zod';
import { maskName } from './mask';

/** Read out after each person: nothing, the position ("2"), surname and position ("张 2"), or the full name. */
export const readOutSchema = z.enum(['off', 'position', 'surname', 'full']);
type ReadOut = z.output<typeof readOutSchema>;

export const deskSettingsSchema = z.strictObject({
  readOut: readOutSchema,
  /** Names on the desk's screen: masked (张*), or in full for a clerk who must call people by name. */
  names: z.enum(['masked', 'full']),
});
export type DeskSettings = z.output<typeof deskSettingsSchema>;

export const DEFAULT_DESK_SETTINGS: DeskSettings = { readOut: 'off', names: 'masked' };

// The two-character surnames common enough to meet at a sampling point; any other name's surname is its first
// character.
const COMPOUND_SURNAMES = new Set([
  '欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙',
  '宇文', '司徒', '夏侯', '轩辕', '令狐', '钟离', '端木', '独孤', '南宫', '西门',
]);

/**
 * 张三 -> 张, 欧阳娜娜 -> 欧阳; a name in Latin letters as a passport gives it (SMITH JOHN) -> its first word; a
 * name written with a middle dot (阿卜杜拉·买买提), which has no surname, -> the part a person is called by.
 */
export function surnameOf(name: string): string {
  const trimmed = name.trim();
  if (/\s/u.test(trimmed)) return trimmed.split(/\s+/u)[0];
  if (/[·•]/u.test(trimmed)) return trimmed.split(/[·•]/u)[0];
  const chars = Array.from(trimmed);
  const two = chars.slice(0, 2).join('');
  return COMPOUND_SURNAMES.has(two) && chars.length > 2 ? two : chars.slice(0, 1).join('');
}

/** The name as this desk's screen shows it. */
export function shownName(name: string, settings: DeskSettings): string {
  return settings.names === 'full' ? name : maskName(name);
}

/** As much of the name as this desk reads out: none, the surname, or all of it. */
export function spokenName(name: string, readOut: ReadOut): string {
  if (readOut === 'surname') return surnameOf(name);
  if (readOut === 'full') return name.trim();
  return '';
}
