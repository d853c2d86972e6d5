// Personal-code formats: each kind recognises its codes and nothing else; the sticker is always recognised.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  codeFormatSchema,
  DEFAULT_CODE_FORMATS,
  parsePersonCode,
  STICKER_FORMAT,
  testCodeFormats,
  type CodeFormat,
} from '../../src-main/core/domain/codeFormats';
import { sealSticker, type StickerKeyring } from '../../src-main/core/domain/stickerCode';

const KEY = { id: '0a1b2c3d', secret: randomBytes(32) };
const stickerKeys: StickerKeyring = (id) => (id === KEY.id ? KEY.secret : undefined);
const parse = (text: string, formats: readonly CodeFormat[]) => parsePersonCode(text, formats, stickerKeys);

const ID = '110101199003071233';
const delimited: CodeFormat = { kind: 'delimited', name: 'comma', template: '{idNumber},{name}' };
const json: CodeFormat = { kind: 'json', name: 'json', fields: { name: 'p.xm', idNumber: 'p.sfz', phone: 'tel' } };
const regex: CodeFormat = { kind: 'regex', name: 'regex', pattern: 'HS:(?<idNumber>\\d{17}[\\dX]):(?<name>[^:]+)' };
const url: CodeFormat = { kind: 'url', name: 'url', host: 'code.example.gov.cn', params: { idNumber: 'id', name: 'n' } };
const opaque: CodeFormat = { kind: 'opaque', name: 'token', pattern: 'HSM[A-Za-z0-9]{20,}' };

describe('code formats', () => {
  it('parses the default template and refuses a wrong number of fields', () => {
    expect(parse(`张三|${ID}|13800000000`, DEFAULT_CODE_FORMATS)).toEqual({
      kind: 'person',
      format: DEFAULT_CODE_FORMATS[0].name,
      fields: { docType: 'resident-id', name: '张三', idNumber: ID, phone: '13800000000' },
    });
    expect(parse(`张三|${ID}`, DEFAULT_CODE_FORMATS)).toBeUndefined();
    expect(parse(`${ID},李四`, [delimited])).toMatchObject({ fields: { idNumber: ID, name: '李四', phone: '' } });
  });

  it('reads a JSON mapping by dotted paths, and nothing when a field is missing', () => {
    expect(parse(JSON.stringify({ p: { xm: '王五', sfz: ID }, tel: '13900000000' }), [json])).toMatchObject({
      fields: { name: '王五', idNumber: ID, phone: '13900000000' },
    });
    expect(parse(JSON.stringify({ p: { xm: '王五' } }), [json])).toBeUndefined();
    expect(parse('{not json', [json])).toBeUndefined();
  });

  it('matches a whole regular expression with named groups', () => {
    expect(parse(`HS:${ID}:赵六`, [regex])).toMatchObject({ fields: { idNumber: ID, name: '赵六' } });
    expect(parse(`xHS:${ID}:赵六`, [regex])).toBeUndefined();
  });

  it('reads URL query parameters, only on the configured host', () => {
    expect(parse(`https://code.example.gov.cn/c?id=${ID}&n=%E5%AD%99%E4%B8%83`, [url])).toMatchObject({
      fields: { idNumber: ID, name: '孙七' },
    });
    expect(parse(`https://evil.example.com/c?id=${ID}&n=x`, [url])).toBeUndefined();
  });

  it('keeps an opaque token as it is', () => {
    const token = 'HSM' + 'a1B2'.repeat(8);
    expect(parse(token, [opaque])).toEqual({ kind: 'token', format: 'token', token });
  });

  it('lets the first matching format win', () => {
    const loose: CodeFormat = { kind: 'regex', name: 'loose', pattern: '(?<idNumber>\\d{17}[\\dX]),(?<name>.*)' };
    expect(parse(`${ID},李四`, [loose, delimited])).toMatchObject({ format: 'loose' });
    expect(parse(`${ID},李四`, [delimited, loose])).toMatchObject({ format: 'comma' });
  });

  it('always recognises the sticker first, and says why it refuses a sealed one', () => {
    const person = { docType: 'passport' as const, idNumber: 'E12345678', name: 'Anna', phone: '+85291234567' };
    const sticker = sealSticker(person, KEY);
    // Even a site format that would take any text as a token comes after the sticker.
    const anything: CodeFormat = { kind: 'opaque', name: 'anything', pattern: '.*' };
    expect(parse(sticker, [anything])).toEqual({ kind: 'person', format: STICKER_FORMAT, fields: person });
    expect(parse(sticker.slice(0, -3), [anything])).toEqual({ kind: 'refused', format: STICKER_FORMAT, problem: 'sticker-altered' });
    expect(parsePersonCode(sticker, [anything], () => undefined)).toEqual({
      kind: 'refused',
      format: STICKER_FORMAT,
      problem: 'sticker-unknown-key',
    });
  });

  it('reads a sticker printed before sealing, and nothing from a corrupted one', () => {
    const clear = (json: object) => 'SWABDESK1:' + Buffer.from(JSON.stringify(json)).toString('base64url');
    const sticker = clear({ t: 'passport', n: 'E12345678', m: 'Anna', p: '+85291234567' });
    expect(parse(sticker, [])).toEqual({
      kind: 'person',
      format: STICKER_FORMAT,
      fields: { docType: 'passport', idNumber: 'E12345678', name: 'Anna', phone: '+85291234567' },
    });
    expect(parse(clear({ n: ID, m: '张三', p: '13800000000' }), [])).toMatchObject({ fields: { docType: 'resident-id', idNumber: ID } });
    expect(parse(sticker.slice(0, -3), [])).toBeUndefined();
    expect(parse(clear({ t: 'library', n: '1' }), [])).toBeUndefined();
    expect(parse(clear({ t: 'passport', n: 'E12345678', m: null }), [])).toBeUndefined();
  });

  it('refuses broken formats in the settings', () => {
    expect(codeFormatSchema.safeParse({ kind: 'regex', name: 'x', pattern: '(?<idNumber>[' }).success).toBe(false);
    expect(codeFormatSchema.safeParse({ kind: 'regex', name: 'x', pattern: '\\d+' }).success).toBe(false);
    expect(codeFormatSchema.safeParse({ kind: 'delimited', name: 'x', template: '{name}|{phone}' }).success).toBe(false);
    expect(codeFormatSchema.safeParse({ kind: 'barcode', name: 'x' }).success).toBe(false);
    expect(codeFormatSchema.safeParse(regex).success).toBe(true);
  });

  it('never throws on random input', () => {
    let seed = 7;
    const next = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const all = [delimited, json, regex, url, opaque, ...DEFAULT_CODE_FORMATS];
    for (let i = 0; i < 10_000; i++) {
      const text = Array.from({ length: Math.floor(next() * 60) }, () => String.fromCharCode(32 + Math.floor(next() * 200))).join('');
      const prefix = ['', 'SWABDESK1:', 'SWABDESK2'][i % 3];
      expect(() => parse(prefix + text, all)).not.toThrow();
    }
  });

  it('tells the tester which formats match', () => {
    expect(testCodeFormats(`${ID},李四`, [json, delimited], stickerKeys).formats).toEqual([
      { name: 'json', matches: false },
      { name: 'comma', matches: true },
    ]);
  });
});
