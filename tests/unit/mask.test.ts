// What a screen, a log or a masked export shows of a person: enough to recognise, not to identify.
import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone, maskInText } from '../../src-main/core/domain/mask';
import { loadVectors } from '../fixtures/vectors';

describe('masking ID numbers', () => {
  it('keeps the region and the last four digits of an ID number', () => {
    expect(maskIdNumber('110101199003071233')).toBe('110101********1233');
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });

  it('never shows the birth date of any valid vector, and keeps the length', () => {
    for (const [number] of loadVectors().ids.valid) {
      const masked = maskIdNumber(number);
      expect(masked, number).toHaveLength(number.length);
      expect(masked.slice(6, 14), number).toBe('********');
      expect(masked, number).not.toContain(number.slice(6, 14));
    }
  });

  it('masks shorter document numbers too, and never returns a short one whole', () => {
    expect(maskIdNumber('E12345678')).toBe('E1***5678');
    expect(maskIdNumber('1234')).toBe('****');
    expect(maskIdNumber('')).toBe('');
  });
});

describe('masking phone numbers', () => {
  it('keeps the first three and last four digits of a mobile number', () => {
    expect(maskPhone('13800000000')).toBe('138****0000');
    expect(maskPhone('13912345678')).toBe('139****5678');
  });

  it('hides a short number whole', () => {
    expect(maskPhone('1234567')).toBe('*******');
  });
});

describe('masking names', () => {
  it('two characters: the family name and one star', () => {
    expect(maskName('张三')).toBe('张*');
  });

  it('three characters or more: the first and the last', () => {
    expect(maskName('李小龙')).toBe('李*龙');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
  });

  it('one character: shown as is, there is nothing to hide it behind', () => {
    expect(maskName('王')).toBe('王');
  });

  it('Latin names, by character', () => {
    expect(maskName('Anna Lee')).toBe('A******e');
    expect(maskName('Li')).toBe('L*');
  });

  it('counts a character outside the BMP as one, never splitting it', () => {
    expect(maskName('𠮷野家')).toBe('𠮷*家');
    expect(maskName('𠮷野')).toBe('𠮷*');
  });
});

describe('maskInText, for every log line', () => {
  it('masks ID numbers and phones wherever a message quotes them, and leaves other numbers alone', () => {
    expect(maskInText('Key (doc_number)=(11010519491231002X) already exists; phone 13912345678.')).toBe(
      'Key (doc_number)=(110105********002X) already exists; phone 139****5678.',
    );
    expect(maskInText('old card 110105491231002 and x11010519491231002xy')).toBe('old card 110105*****1002 and x110105********002xy');
    expect(maskInText('tube 20261123001, port 8787, uuid 5b0a6a43-3f0c, 2026-11-23T08:00:00Z, 123456789012')).toBe(
      'tube 20261123001, port 8787, uuid 5b0a6a43-3f0c, 2026-11-23T08:00:00Z, 123456789012',
    );
  });
});
