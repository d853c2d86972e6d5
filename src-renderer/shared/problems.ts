// What a window says when the core refused a call or a field: sentences of the catalogue, never the core's developer
// message. A refused input's issues each go beside the field of the form they name.
import type { TFunction } from 'i18next';
import type { CallResult, InputIssue } from '../../src-main/core/contract';

/** A sentence of the catalogue with its values; `within` says which item of a list field it is about. */
export interface Words {
  key: string;
  params?: Record<string, string | number>;
  within?: { index: number; key: string };
}

export type CallFailure = Extract<CallResult, { ok: false }>['error'];

/** What a form shows: a sentence beside each field that has a problem, and one for the form as a whole. */
export interface Placed {
  fields: Record<string, Words>;
  general: Words | null;
}

export const NOTHING_PLACED: Placed = { fields: {}, general: null };

export const issueWords = (issue: Pick<InputIssue, 'problem' | 'limit'>): Words => ({
  key: `validation.problem.${issue.problem}`,
  params: issue.limit === undefined ? {} : { limit: issue.limit },
});

/** Why a call failed as a whole: not saved, the disk full, nobody signed in, the station out of reach… */
export const failureWords = (failure: { code: string }): Words => ({ key: `validation.failed.${failure.code}` });

/** The field a path falls under: the longest of the form's fields it starts with. */
function fieldOf(path: InputIssue['path'], fields: readonly string[]): { field: string; rest: InputIssue['path'] } | null {
  const dotted = path.join('.');
  const field = fields.filter((f) => dotted === f || dotted.startsWith(`${f}.`)).sort((a, b) => b.length - a.length)[0];
  return field === undefined ? null : { field, rest: path.slice(field.split('.').length) };
}

/** Each issue beside its field (the first per field); an issue no field of the form takes is said for the form. */
export function placeIssues(issues: readonly InputIssue[], fields: readonly string[]): Placed {
  const placed: Placed = { fields: {}, general: null };
  for (const issue of issues) {
    const at = fieldOf(issue.path, fields);
    const words = issueWords(issue);
    if (!at) {
      placed.general ??= words;
      continue;
    }
    if (placed.fields[at.field]) continue;
    const index = at.rest.find((part) => typeof part === 'number');
    const key = at.rest.filter((part) => typeof part === 'string').at(-1);
    placed.fields[at.field] = index === undefined ? words : { ...words, within: { index: index + 1, key: key ?? '' } };
  }
  return placed;
}

/** A failed call: its issues beside their fields when the input was refused, else why it failed, for the form. */
export function placeFailure(failure: CallFailure, fields: readonly string[]): Placed {
  if (failure.code === 'invalid-input' && failure.issues?.length) {
    const placed = placeIssues(failure.issues, fields);
    // Said once for the form too, so that nothing refused goes unsaid where the form reports.
    return { ...placed, general: placed.general ?? failureWords(failure) };
  }
  return { fields: {}, general: failureWords(failure) };
}

/** The sentence, in the window's language; an item of a list is named by its position and key. */
export function say(t: TFunction, words: Words): string {
  const sentence = t(words.key, words.params ?? {});
  if (!words.within) return sentence;
  const { index, key } = words.within;
  return key === '' ? t('validation.atItem', { index, problem: sentence }) : t('validation.inItem', { index, key, problem: sentence });
}
