import { describe, expect, it } from 'vitest';
import { classifyScan } from '../../src-main/core/domain/scan';
import { checkPerson, normaliseName } from '../../src-main/core/domain/person';

const TUBE = { tube: /^[0-9]{8,14}$/u, bag: /^B[0-9]{6,14}$/u };

describe('classifying a scan', () => {
  it('tells a tube barcode from a personal code', () => {
    expect(classifyScan('2026112200001', TUBE)).toEqual({ kind: 'tube', barcode: '2026112200001' });
    expect(classifyScan('张三|110101199003071233|13800000000', TUBE)).toEqual({
      kind: 'person',
      fields: { name: '张三', idNumber: '110101199003071233', phone: '13800000000' },
    });
  });

  it('tells a transport bag label apart', () => {
    expect(classifyScan('B20261122001', TUBE)).toEqual({ kind: 'bag', barcode: 'B20261122001' });
  });

  it('refuses an 18-digit ID number as a tube: it is a person, not a tube', () => {
    expect(classifyScan('110101199003071233', TUBE)).toEqual({ kind: 'refused', problem: 'code-unknown' });
  });

  it('refuses a payload over 4 KB before parsing it (counted in UTF-8 bytes)', () => {
    // 1,400 Chinese characters are 4,200 bytes though only 1,400 characters.
    expect(classifyScan(`${'张'.repeat(1400)}|110101199003071233|13800000000`, TUBE)).toEqual({
      kind: 'refused',
      problem: 'scan-too-long',
    });
  });

  it('refuses control characters and unknown codes', () => {
    expect(classifyScan('张三|1101011990\u000703071233|13800000000', TUBE)).toMatchObject({ problem: 'scan-control-characters' });
    expect(classifyScan('https://example.com/x', TUBE)).toMatchObject({ problem: 'code-unknown' });
  });
});

describe('checking a person', () => {
  const today = new Date(2026, 10, 22);

  it('normalises names: trimmed, inner spaces folded, NFC', () => {
    expect(normaliseName('  Anna   Lee ')).toBe('Anna Lee');
    expect(normaliseName('e\u0301')).toBe('\u00e9');
  });

  it('refuses a missing name and a bad phone number', () => {
    expect(checkPerson({ name: ' ', idNumber: '110101199003071233', phone: '13800000000' }, today)).toEqual({
      ok: false,
      problem: 'name-missing',
    });
    expect(checkPerson({ name: '张三', idNumber: '110101199003071233', phone: '12345' }, today)).toEqual({
      ok: false,
      problem: 'phone-invalid',
    });
    expect(checkPerson({ name: '张三', idNumber: '110101199003071233', phone: '010-12345678' }, today)).toMatchObject({ ok: true });
  });
});
