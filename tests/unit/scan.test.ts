// What a scanned text is, decided before anything is parsed or stored.
import { describe, expect, it } from 'vitest';
import { classifyScan, MAX_SCAN_BYTES } from '../../src-main/core/domain/scan';
import { checkPerson } from '../../src-main/core/domain/person';
import { cleanText } from '../../src-main/core/domain/personText';
import { defaultSiteSettings, scanPatterns } from '../../src-main/core/site/settings';

const PATTERNS = scanPatterns(defaultSiteSettings);

describe('classifying a scan', () => {
  it('refuses text that was invalid UTF-8 (a lone surrogate) before parsing', () => {
    expect(classifyScan('张三|110101199003071233|1380000\ud8000000', PATTERNS)).toEqual({ kind: 'refused', problem: 'scan-invalid-text' });
  });

  it('uses the default tube pattern ^[0-9]{8,14}$', () => {
    expect(PATTERNS.tube.source).toBe('^[0-9]{8,14}$');
  });

  it('takes a barcode matching the tube pattern for a tube, and nothing shorter or longer', () => {
    expect(classifyScan('2026112200001', PATTERNS)).toEqual({ kind: 'tube', barcode: '2026112200001' });
    expect(classifyScan('12345678', PATTERNS)).toEqual({ kind: 'tube', barcode: '12345678' });
    expect(classifyScan('12345678901234', PATTERNS)).toEqual({ kind: 'tube', barcode: '12345678901234' });
    expect(classifyScan('1234567', PATTERNS)).toEqual({ kind: 'refused', problem: 'code-unknown' });
    expect(classifyScan('123456789012345', PATTERNS)).toEqual({ kind: 'refused', problem: 'code-unknown' });
    expect(classifyScan('20261122A0001', PATTERNS)).toEqual({ kind: 'refused', problem: 'code-unknown' });
  });

  it("follows the site's own tube pattern", () => {
    const site = { tube: /^T[0-9]{6}$/u, bag: PATTERNS.bag };
    expect(classifyScan('T123456', site)).toEqual({ kind: 'tube', barcode: 'T123456' });
    expect(classifyScan('2026112200001', site)).toEqual({ kind: 'refused', problem: 'code-unknown' });
  });

  it("trims the scanner's suffix (Enter, Tab) before matching", () => {
    expect(classifyScan('2026112200001\r\n', PATTERNS)).toEqual({ kind: 'tube', barcode: '2026112200001' });
    expect(classifyScan('\t2026112200001\t', PATTERNS)).toEqual({ kind: 'tube', barcode: '2026112200001' });
  });

  it('parses a personal code {name}|{idNumber}|{phone} into its fields', () => {
    expect(classifyScan('张三|110101199003071233|13800000000', PATTERNS)).toEqual({
      kind: 'person',
      fields: { docType: 'resident-id', name: '张三', idNumber: '110101199003071233', phone: '13800000000' },
    });
  });

  it('refuses a code with too few or too many fields', () => {
    expect(classifyScan('张三|110101199003071233', PATTERNS)).toEqual({ kind: 'refused', problem: 'code-unknown' });
    expect(classifyScan('张三|110101199003071233|13800000000|x', PATTERNS)).toEqual({ kind: 'refused', problem: 'code-unknown' });
  });

  it('tells a transport bag label apart', () => {
    expect(classifyScan('B20261122001', PATTERNS)).toEqual({ kind: 'bag', barcode: 'B20261122001' });
  });

  it('refuses an 18-digit ID number scanned alone: it is neither a tube nor a personal code', () => {
    expect(classifyScan('110101199003071233', PATTERNS)).toEqual({ kind: 'refused', problem: 'code-unknown' });
  });

  it('refuses unknown codes: a URL, JSON, empty text', () => {
    for (const text of ['https://example.com/x?id=1', '{"name":"张三"}', '', '   ']) {
      expect(classifyScan(text, PATTERNS), text).toEqual({ kind: 'refused', problem: 'code-unknown' });
    }
  });
});

describe('the 4 KB limit, in UTF-8 bytes', () => {
  it('refuses 1,400 Chinese characters: 4,200 bytes though only 1,400 characters', () => {
    const text = '张'.repeat(1400);
    expect(text.length).toBeLessThan(MAX_SCAN_BYTES);
    expect(classifyScan(text, PATTERNS)).toEqual({ kind: 'refused', problem: 'scan-too-long' });
    expect(classifyScan(`${text}|110101199003071233|13800000000`, PATTERNS)).toEqual({ kind: 'refused', problem: 'scan-too-long' });
  });

  it('takes exactly 4,096 bytes and refuses 4,097', () => {
    const code = (bytes: number) => {
      const tail = '|110101199003071233|13800000000';
      return 'a'.repeat(bytes - tail.length) + tail;
    };
    expect(new TextEncoder().encode(code(4096)).length).toBe(4096);
    expect(classifyScan(code(4096), PATTERNS)).toMatchObject({ kind: 'person' });
    expect(classifyScan(code(4097), PATTERNS)).toEqual({ kind: 'refused', problem: 'scan-too-long' });
  });
});

describe('control characters', () => {
  it.each([
    ['BEL', '\u0007'],
    ['NUL', '\u0000'],
    ['LF', '\n'],
    ['TAB', '\t'],
    ['ESC', '\u001b'],
    ['DEL', '\u007f'],
    ['C1 NEL', '\u0085'],
  ])('refuses %s inside a code', (_name, control) => {
    expect(classifyScan(`张三|1101011990${control}03071233|13800000000`, PATTERNS)).toEqual({
      kind: 'refused',
      problem: 'scan-control-characters',
    });
    expect(classifyScan(`20261122${control}00001`, PATTERNS)).toEqual({ kind: 'refused', problem: 'scan-control-characters' });
  });
});

describe('checking a person', () => {
  const today = new Date(2026, 10, 22);

  it('normalises names: trimmed, inner spaces folded, NFC', () => {
    expect(cleanText('  Anna   Lee ', 'name')).toEqual({ ok: true, text: 'Anna Lee' });
    expect(cleanText('e\u0301', 'name')).toEqual({ ok: true, text: '\u00e9' });
  });

  it('keeps a valid person, the ID number upper-cased and a legacy one converted', () => {
    expect(checkPerson({ name: ' 赵敏 ', idNumber: '11010519491231002x', phone: '13900000001' }, today)).toEqual({
      ok: true,
      person: {
        docType: 'resident-id',
        docNumber: '11010519491231002X',
        name: '赵敏',
        phone: '13900000001',
        // The sequence 002 is even: female; the birth date is the number's.
        sex: 'female',
        birthDate: '19491231',
      },
    });
    expect(checkPerson({ name: '赵敏', idNumber: '110105491231002', phone: '13900000001' }, today)).toMatchObject({
      ok: true,
      person: { docNumber: '11010519491231002X' },
    });
  });

  it('refuses an ID number with the reason, prefixed id-', () => {
    const person = (idNumber: string) => checkPerson({ name: '张三', idNumber, phone: '13800000000' }, today);
    expect(person('110101199003071231')).toEqual({ ok: false, refusal: { problem: 'id-checkdigit' } });
    expect(person('110101199002301236')).toEqual({ ok: false, refusal: { problem: 'id-birthdate' } });
    expect(person('11010119900307123')).toEqual({ ok: false, refusal: { problem: 'id-format' } });
  });

  it('refuses a missing name and a bad phone number', () => {
    expect(checkPerson({ name: ' ', idNumber: '110101199003071233', phone: '13800000000' }, today)).toEqual({
      ok: false,
      refusal: { problem: 'name-missing' },
    });
    expect(checkPerson({ name: '张三', idNumber: '110101199003071233', phone: '12345' }, today)).toEqual({
      ok: false,
      refusal: { problem: 'phone-invalid' },
    });
    expect(checkPerson({ name: '张三', idNumber: '110101199003071233', phone: '010-12345678' }, today)).toMatchObject({ ok: true });
  });
});
