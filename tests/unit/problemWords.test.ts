// A refusal is always a sentence of the catalogue in both languages, beside the field it concerns: every problem of
// a refused input, every way a call can fail, every upload trouble and every packing answer has its words, and a
// form puts each issue beside its own field.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { CALL_ERROR_CODES, inputProblemSchema } from '../../src-main/core/contract';
import { packingOutcomeSchema } from '../../src-main/core/transport/packing';
import { uploadTroubleSchema } from '../../src-main/core/upload/trouble';
import en from '../../src-renderer/shared/locales/en.json';
import zh from '../../src-renderer/shared/locales/zh.json';
import { placeFailure, placeIssues, say } from '../../src-renderer/shared/problems';

const t = i18next.t.bind(i18next);
beforeAll(async () => {
  await i18next.init({ lng: 'zh', resources: { zh: { translation: zh }, en: { translation: en } }, interpolation: { escapeValue: false } });
});

/** A Chinese sentence with no English words of a library in it. */
const CHINESE = /[\u4e00-\u9fff]/;

describe('the words of every refusal', () => {
  it('exist in both languages for each problem, failure and trouble', () => {
    const keys = [
      ...inputProblemSchema.options.map((problem) => `validation.problem.${problem}`),
      ...CALL_ERROR_CODES.map((code) => `validation.failed.${code}`),
      ...uploadTroubleSchema.shape.problem.options.map((problem) => `upload.trouble.${problem}`),
    ];
    for (const lng of ['zh', 'en']) {
      for (const key of keys) expect(i18next.exists(key, { lng }), `${lng}: ${key}`).toBe(true);
    }
    for (const key of keys) expect(t(key, { lng: 'zh' }), key).toMatch(CHINESE);
  });

  it('exist for each packing refusal', () => {
    const refused = packingOutcomeSchema.options.find((option) => option.shape.result.value === 'refused')!;
    for (const problem of (refused.shape as unknown as { problem: { options: string[] } }).problem.options) {
      expect(i18next.exists(`packing.problem.${problem}`) || i18next.exists(`bags.problem.${problem}`), problem).toBe(true);
    }
  });
});

describe('a refused input on a form', () => {
  const FIELDS = ['bags', 'courier.name', 'courier.phone', 'temperature', 'codeFormats'];

  it('puts each issue beside the field its path names, with the limit, and the first one per field', () => {
    const placed = placeIssues(
      [
        { path: ['courier', 'phone'], problem: 'not-a-phone' },
        { path: ['courier', 'phone'], problem: 'too-long', limit: 20 },
        { path: ['temperature'], problem: 'too-big', limit: 40 },
      ],
      FIELDS,
    );
    expect(Object.keys(placed.fields)).toEqual(['courier.phone', 'temperature']);
    expect(say(t, placed.fields['courier.phone'])).toBe(t('validation.problem.not-a-phone'));
    expect(say(t, placed.fields.temperature)).toBe('不能大于 40');
    expect(placed.general).toBeNull();
  });

  it('names the item of a list field by its position and key, and says for the form what no field takes', () => {
    const placed = placeIssues(
      [
        { path: ['codeFormats', 1, 'template'], problem: 'format-template-without-id-number' },
        { path: ['admin'], problem: 'unknown-field' },
      ],
      FIELDS,
    );
    expect(say(t, placed.fields.codeFormats)).toBe('第 2 项的 template：模板必须包含 {idNumber}');
    expect(say(t, placed.general!)).toBe(t('validation.problem.unknown-field'));
  });

  it('says a failed call in the catalogue, never its developer message', () => {
    const message = 'Invalid input for site.handover: ✖ a mobile or landline number → at courier.phone';
    const invalid = placeFailure({ code: 'invalid-input', message, issues: [{ path: ['courier', 'phone'], problem: 'not-a-phone' }] }, FIELDS);
    const diskFull = placeFailure({ code: 'disk-full', message: 'Not saved: the disk is full.' }, FIELDS);
    for (const placed of [invalid, diskFull]) {
      const said = [...Object.values(placed.fields), placed.general!].map((words) => say(t, words));
      for (const sentence of said) {
        expect(sentence).toMatch(CHINESE);
        expect(sentence).not.toMatch(/Invalid|✖|disk is full/);
      }
    }
    expect(say(t, diskFull.general!)).toBe(t('validation.failed.disk-full'));
  });
});
