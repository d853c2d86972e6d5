// The 256-byte text block of the three card types, decoded from the shared vectors; malformed blocks give a
// problem id, never an exception; and the GB 3304 ethnicity table is complete.
import { describe, expect, it } from 'vitest';
import { ETHNICITIES } from '../../../src-main/core/devices/cardReader/ethnicity';
import { decodeCardText } from '../../../src-main/core/devices/cardReader/textBlock';
import { VECTOR_RESIDENT_CARD } from '../../fixtures/cards';
import { hex, loadVectors } from '../../fixtures/vectors';

const v = loadVectors();
const RESIDENT = v.readTextPhoto.text256;

/** A copy of a block (or of a vector's hex) with `text` written (UCS-2 LE) at a byte offset. */
function edited(block: string | Uint8Array, offset: number, text: string): Uint8Array {
  const bytes = typeof block === 'string' ? hex(block) : block.slice();
  bytes.set(Buffer.from(text, 'utf16le'), offset);
  return bytes;
}

describe('the text block', () => {
  it('decodes the resident ID card', () => {
    expect(decodeCardText(hex(RESIDENT))).toEqual(VECTOR_RESIDENT_CARD);
  });

  it('decodes the Hong Kong, Macao and Taiwan residence permit (J)', () => {
    expect(decodeCardText(hex(v.textJ))).toEqual({
      cardType: 'hmt-permit',
      name: '测试样例',
      englishName: null,
      sex: 'female',
      ethnicity: null,
      birthDate: '19900307',
      address: '北京市东城区测试路1号',
      idNumber: '810000199003071237',
      authority: '北京市公安局东城分局',
      validFrom: '20200115',
      validTo: '20250115',
      passNumber: 'H12345678',
      issueCount: '01',
      nationality: null,
    });
  });

  it('decodes the foreign permanent resident card (I)', () => {
    expect(decodeCardText(hex(v.textI))).toEqual({
      cardType: 'foreign-permanent',
      name: '测试',
      englishName: 'TEST, SAMPLE',
      sex: 'male',
      ethnicity: null,
      birthDate: '19900307',
      address: null,
      idNumber: 'USA110090030700',
      authority: '1100',
      validFrom: '20200115',
      validTo: '20300115',
      passNumber: null,
      issueCount: null,
      nationality: 'USA',
    });
  });

  it('tells the card type by the character at offset 248, as the vectors give it', () => {
    const types = { resident: 'resident', J: 'hmt-permit', I: 'foreign-permanent' } as const;
    const blocks = { resident: RESIDENT, J: v.textJ, I: v.textI };
    for (const [key, marker] of Object.entries(v.typeOffset248)) {
      const name = key as keyof typeof types;
      expect(Buffer.from(hex(blocks[name]).subarray(248, 250)).toString('hex').toUpperCase(), key).toBe(marker);
      expect(decodeCardText(hex(blocks[name])), key).toMatchObject({ cardType: types[name] });
    }
  });

  it('reads 长期 as no expiry', () => {
    expect(decodeCardText(edited(RESIDENT, 204, '长期      '))).toMatchObject({ validTo: null, validFrom: '20200115' });
  });

  it('gives the sex for each GB/T 2261.1 code', () => {
    const sexes = { '0': 'unknown', '1': 'male', '2': 'female', '9': 'unspecified' };
    for (const [code, sex] of Object.entries(sexes)) expect(decodeCardText(edited(RESIDENT, 30, code))).toMatchObject({ sex });
  });

  it('names the ethnicity of a resident card by its code, and ignores that field on a permit', () => {
    expect(decodeCardText(edited(RESIDENT, 32, '05'))).toMatchObject({ ethnicity: '维吾尔' });
    expect(decodeCardText(edited(RESIDENT, 32, '98'))).toMatchObject({ ethnicity: '外国血统中国籍人士' });
    expect(decodeCardText(edited(v.textJ, 32, '01'))).toMatchObject({ cardType: 'hmt-permit', ethnicity: null });
  });

  it('refuses malformed blocks with a problem instead of throwing', () => {
    const cases: [string, Uint8Array][] = [
      ['size', new Uint8Array(0)],
      ['size', hex(RESIDENT).subarray(0, 255)],
      ['size', Uint8Array.from([...hex(RESIDENT), 0x20])],
      ['card-type', edited(RESIDENT, 248, 'Q')],
      // NUL counts as padding like a space, so a block of zeros is a resident card without a name.
      ['name', new Uint8Array(256)],
      ['name', edited(RESIDENT, 0, ' '.repeat(15))],
      ['name', edited(edited(v.textI, 0, ' '.repeat(60)), 158, ' '.repeat(15))],
      ['characters', edited(RESIDENT, 52, '北京\u0007')],
      ['characters', edited(RESIDENT, 2, '\ud800')],
      ['sex', edited(RESIDENT, 30, '3')],
      ['sex', edited(RESIDENT, 30, ' ')],
      ['ethnicity', edited(RESIDENT, 32, '57')],
      ['ethnicity', edited(RESIDENT, 32, '  ')],
      ['birth-date', edited(RESIDENT, 36, '1990030x')],
      ['birth-date', edited(RESIDENT, 36, '19900230')],
      ['birth-date', edited(RESIDENT, 36, '1990037 ')],
      ['id-number', edited(RESIDENT, 122, '11010119900307123 ')],
      ['id-number', edited(RESIDENT, 122, '11010119900307123x')],
      ['valid-from', edited(RESIDENT, 188, '20201315')],
      ['valid-to', edited(RESIDENT, 204, '长久      ')],
      ['valid-to', edited(RESIDENT, 204, '2040011 ')],
      ['birth-date', edited(v.textI, 220, '19900099')],
      ['id-number', edited(v.textI, 122, 'usa110090030700')],
      ['nationality', edited(v.textI, 152, 'U1A')],
    ];
    for (const [problem, block] of cases) expect(decodeCardText(block), problem).toEqual({ problem });
  });
});

describe('the GB 3304 table', () => {
  it('has the 56 groups under 01 to 56, then 97 and 98', () => {
    const codes = [...ETHNICITIES.keys()];
    expect(codes).toEqual([...Array.from({ length: 56 }, (_, i) => String(i + 1).padStart(2, '0')), '97', '98']);
    expect(new Set(ETHNICITIES.values()).size).toBe(58);
  });

  it('names them in the standard order', () => {
    expect(Object.fromEntries(ETHNICITIES)).toMatchObject({
      '01': '汉',
      '02': '蒙古',
      '05': '维吾尔',
      '10': '朝鲜',
      '15': '土家',
      '29': '柯尔克孜',
      '30': '土',
      '43': '乌孜别克',
      '44': '俄罗斯',
      '56': '基诺',
      '97': '其他',
      '98': '外国血统中国籍人士',
    });
  });
});
