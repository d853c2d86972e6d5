// The one rule for a person's text: every class of invisible character refused with which one and where, the
// rest stored one way (NFC, one middle dot, spaces folded); and the export cells that neutralise what old rows hold.
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { neutralise } from '../../src-main/core/export/cells';
import { checkName, checkPerson } from '../../src-main/core/domain/person';
import { cleanText } from '../../src-main/core/domain/personText';
import { showScan } from '../../src-renderer/clerk/outcome';
import { fieldProblems } from '../../src-renderer/shared/personFields';
import { refusalParams } from '../../src-renderer/shared/refusalParams';
import en from '../../src-renderer/shared/locales/en.json';
import zh from '../../src-renderer/shared/locales/zh.json';

/** One character of each class the rule refuses, with the code point a refusal names. */
const INVISIBLE: [string, string[]][] = [
  ['C0 controls', ['\u0000', '\u0007', '\u0009', '\u000a', '\u000d', '\u001b', '\u001f']],
  ['DEL and the C1 controls', ['\u007f', '\u0080', '\u0085', '\u009b', '\u009f']],
  ['embeddings and overrides', ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e']],
  ['isolates', ['\u2066', '\u2067', '\u2068', '\u2069']],
  ['direction marks', ['\u200e', '\u200f', '\u061c']],
  ['zero-width characters', ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff']],
];

const codePoint = (character: string) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

describe('the text rule', () => {
  for (const [kind, characters] of INVISIBLE) {
    it(`refuses ${kind}, naming the character and its 1-based position`, () => {
      for (const character of characters) {
        expect(cleanText(`张${character}三`, 'name'), codePoint(character)).toEqual({
          ok: false,
          refusal: { problem: 'invisible-character', character: { field: 'name', codePoint: codePoint(character), position: 2 } },
        });
      }
    });
  }

  it('refuses one at either end too, where a trim would otherwise have hidden it', () => {
    expect(cleanText('\ufeff张三', 'name')).toMatchObject({ ok: false, refusal: { character: { codePoint: 'U+FEFF', position: 1 } } });
    expect(cleanText('京A12345\u000a', 'vehicle')).toMatchObject({
      ok: false,
      refusal: { character: { field: 'vehicle', codePoint: 'U+000A', position: 8 } },
    });
  });

  it('names the first one, counting a character outside the BMP once', () => {
    expect(cleanText('𠀀𠀁\u202e\u0007', 'name')).toMatchObject({ ok: false, refusal: { character: { codePoint: 'U+202E', position: 3 } } });
  });

  it('normalises the rest: NFC, trimmed, inner white space folded to one space', () => {
    expect(cleanText('  Zoe\u0308  Lee\u3000 ', 'name')).toEqual({ ok: true, text: 'Zoë Lee' });
  });

  it('keeps the middle dot of a name and stores every way of typing it as U+00B7', () => {
    for (const dot of ['\u00b7', '\u30fb', '\u2022', '\uff65', '\u2027']) {
      expect(cleanText(`阿依古丽${dot}买买提`, 'name'), codePoint(dot)).toEqual({ ok: true, text: '阿依古丽·买买提' });
    }
  });

  it('leaves characters people do write alone: rare characters, ideographic punctuation, accents', () => {
    for (const text of ['𠮷野家', '欧阳·娜娜', 'José Müller', "O'Brien-Smith"]) expect(cleanText(text, 'name')).toEqual({ ok: true, text });
  });
});

describe('a name', () => {
  it('is missing when nothing is left of it once cleaned', () => {
    expect(checkName(' \u3000\u00a0 ')).toEqual({ ok: false, refusal: { problem: 'name-missing' } });
  });

  it('of only a zero-width space is refused for that character, not taken for a name', () => {
    expect(checkName('\u200b')).toEqual({
      ok: false,
      refusal: { problem: 'invisible-character', character: { field: 'name', codePoint: 'U+200B', position: 1 } },
    });
  });
});

describe('checking a person', () => {
  const today = new Date(2026, 10, 22);
  const person = { idNumber: '110101199003071233', name: '张三', phone: '13800000000' };

  it('applies the rule to the number, the name and the phone, and says which field', () => {
    const refused = (fields: Partial<typeof person> & { docType?: 'other' }) => checkPerson({ ...person, ...fields }, today);
    expect(refused({ docType: 'other', idNumber: 'AB\u200d12' })).toMatchObject({ refusal: { character: { field: 'idNumber', position: 3 } } });
    expect(refused({ name: '张三\u202e' })).toMatchObject({ refusal: { character: { field: 'name', codePoint: 'U+202E', position: 3 } } });
    expect(refused({ phone: '\u206613800000000' })).toMatchObject({ refusal: { character: { field: 'phone', position: 1 } } });
  });

  it('stores the cleaned text', () => {
    expect(checkPerson({ ...person, docType: 'other', idNumber: ' 军官证  123 ', name: '买买提•艾力' }, today)).toMatchObject({
      ok: true,
      person: { docNumber: '军官证 123', name: '买买提·艾力' },
    });
  });
});

describe('the windows', () => {
  const catalogues = i18next.createInstance();
  beforeAll(() => catalogues.init({ resources: { zh: { translation: zh }, en: { translation: en } }, lng: 'zh', interpolation: { escapeValue: false } }));
  const words = (lng: 'zh' | 'en', key: string, params: Record<string, string | number>) => catalogues.getFixedT(lng)(key, params);

  it("check a typed name with the core's own rule, and say which character and where in both languages", () => {
    const typed = { docType: 'resident-id', idNumber: '', name: '张三\u202e', phone: '' } as const;
    const refusal = fieldProblems(typed, new Date(2026, 10, 22)).name!;
    expect(refusal).toEqual({ problem: 'invisible-character', character: { field: 'name', codePoint: 'U+202E', position: 3 } });
    expect(words('zh', `problem.${refusal.problem}.title`, refusalParams(refusal))).toBe('姓名第 3 个字符是看不见的 U+202E');
    expect(words('en', `problem.${refusal.problem}.title`, refusalParams(refusal))).toBe('Invisible character U+202E at position 3 of the name');
  });

  it("word the desk's refusal of a scanned or typed person with the field, character and position", () => {
    const character = { field: 'idNumber', codePoint: 'U+200D', position: 5 } as const;
    const shown = showScan({ ok: true, value: { result: 'refused', problem: 'invisible-character', character } });
    expect(shown).toMatchObject({ tone: 'refused', title: 'problem.invisible-character.title', params: character });
    expect(words('zh', shown.title, shown.params)).toBe('证件号码第 5 个字符是看不见的 U+200D');
    expect(words('en', shown.title, shown.params)).toBe('Invisible character U+200D at position 5 of the document number');
  });
});

describe('an exported cell', () => {
  it('shows each invisible character of an old row as U+FFFD', () => {
    expect(neutralise('\u202e王\u0007芳\u200b')).toBe('\ufffd王\ufffd芳\ufffd');
    expect(neutralise('\u001b[31m张三')).toBe('\ufffd[31m张三');
  });

  it('still writes a formula as text, however it is hidden', () => {
    expect(neutralise('=SUM(1)')).toBe("'=SUM(1)");
    expect(neutralise('\t=SUM(1)')).toBe("'\ufffd=SUM(1)");
    expect(neutralise('张三')).toBe('张三');
  });
});
