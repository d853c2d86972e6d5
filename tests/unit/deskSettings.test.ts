// How much of a name a desk shows and reads out, by its settings.
import { describe, expect, it } from 'vitest';
import { shownName, spokenName, surnameOf } from '../../src-main/core/domain/deskSettings';

describe('the surname read out', () => {
  it.each([
    ['张三', '张'],
    ['王小明', '王'],
    ['欧阳娜娜', '欧阳'],
    ['司马光', '司马'],
    // Two characters that happen to begin a compound surname are a one-character surname and a given name.
    ['欧阳', '欧'],
    ['  李娜 ', '李'],
    ['SMITH JOHN', 'SMITH'],
    ['阿卜杜拉·买买提', '阿卜杜拉'],
    ['', ''],
  ])('of %j is %j', (name, surname) => {
    expect(surnameOf(name)).toBe(surname);
  });
});

describe('a name at a desk', () => {
  it('is masked on screen unless the desk shows names in full', () => {
    expect(shownName('张三', { names: 'masked', readOut: 'full' })).toBe('张*');
    expect(shownName('张三', { names: 'full', readOut: 'off' })).toBe('张三');
  });

  it('is read out as the setting allows: nothing, the surname, or all of it', () => {
    expect(spokenName('欧阳娜娜', 'off')).toBe('');
    expect(spokenName('欧阳娜娜', 'position')).toBe('');
    expect(spokenName('欧阳娜娜', 'surname')).toBe('欧阳');
    expect(spokenName(' 欧阳娜娜 ', 'full')).toBe('欧阳娜娜');
  });
});
