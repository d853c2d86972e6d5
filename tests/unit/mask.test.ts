import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from '../../src-main/core/domain/mask';

describe('masking', () => {
  it('keeps the region and the last four digits of an ID number', () => {
    expect(maskIdNumber('110101199003071233')).toBe('110101********1233');
    expect(maskIdNumber('E12345678')).toBe('E1***5678');
  });

  it('keeps the first three and last four digits of a phone number', () => {
    expect(maskPhone('13800000000')).toBe('138****0000');
  });

  it('hides all but the first (and last) character of a name', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('Anna Lee')).toBe('A******e');
    expect(maskName('王')).toBe('王');
  });
});
