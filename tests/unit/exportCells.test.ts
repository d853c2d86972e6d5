// How each kind of exported value is written: codes as text constants a spreadsheet cannot turn into numbers or
// formulas, names guarded against formulas, times on the site's clock, widths that fit Chinese headers.
import { describe, expect, it } from 'vitest';
import { csvCell, localDateTime, xlsxCell } from '../../src-main/core/export/cells';
import { displayWidth, sheetColumns } from '../../src-main/core/export/sheetLayout';
import { exportWords, inWords } from '../../src-main/core/export/words';

// A site in China, on a machine that need not be.
process.env.TZ = 'Asia/Shanghai';

describe('a CSV cell', () => {
  it('holds a code as a text constant, its quotes doubled, so nothing in it can close the constant', () => {
    expect(csvCell('code', '310104195102062345')).toBe('="310104195102062345"');
    expect(csvCell('code', '1E5')).toBe('="1E5"');
    expect(csvCell('code', 'A"),HYPERLINK("x')).toBe('="A""),HYPERLINK(""x"');
    // A line break or a control would break the constant: each is U+FFFD.
    expect(csvCell('code', 'AB\r\n12\u202e')).toBe('="AB\ufffd\ufffd12\ufffd"');
  });

  it('falls back to guarded text for a code longer than a formula may hold', () => {
    expect(csvCell('code', 'A'.repeat(255))).toBe(`="${'A'.repeat(255)}"`);
    expect(csvCell('code', `=${'A'.repeat(255)}`)).toBe(`'=${'A'.repeat(255)}`);
  });

  it('keeps the formula guard on words and names, and leaves numbers as numbers', () => {
    expect(csvCell('text', '=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
    for (const start of ['+', '-', '@', '\t']) expect(csvCell('text', `${start}1`).startsWith("'")).toBe(true);
    expect(csvCell('text', '张伟')).toBe('张伟');
    expect(csvCell('number', 10)).toBe('10');
  });

  it('writes a time on the site’s clock, as every spreadsheet reads a date and time', () => {
    expect(csvCell('time', '2026-11-22T01:30:05.123Z')).toBe('2026-11-22 09:30:05');
    expect(localDateTime('2026-12-31T16:00:00.000Z')).toBe('2027-01-01 00:00:00');
  });
});

describe('an XLSX cell', () => {
  it('holds a time whose fields are the site’s clock (a spreadsheet date has no zone)', () => {
    expect(xlsxCell('time', '2026-11-22T01:30:05.123Z')).toEqual(new Date(Date.UTC(2026, 10, 22, 9, 30, 5, 123)));
  });

  it('holds text as it is, with no apostrophe, and hidden characters shown', () => {
    expect(xlsxCell('text', '=SUM(1)')).toBe('=SUM(1)');
    expect(xlsxCell('code', '310104195102062345')).toBe('310104195102062345');
    expect(xlsxCell('text', '王\u200b芳')).toBe('王\ufffd芳');
    expect(xlsxCell('number', 3)).toBe(3);
  });
});

describe('the sheet', () => {
  it('makes each column wide enough for its header, a Chinese character counting two', () => {
    expect(displayWidth('证件号码')).toBe(8);
    expect(displayWidth('Document number')).toBe(15);
    const [id, english] = sheetColumns([
      { header: '证件号码', kind: 'code', width: 22 },
      { header: 'Position in tube', kind: 'number', width: 8 },
    ]);
    expect(id).toMatchObject({ width: 22, style: { numFmt: '@' } });
    expect(english).toMatchObject({ width: 18 });
  });
});

describe('the words', () => {
  it('say every code in Chinese and in English, and a code they do not know as stored', () => {
    expect(inWords(exportWords('zh').docType, 'resident-id')).toBe('居民身份证');
    expect(inWords(exportWords('zh').status, 'voided')).toBe('已作废');
    expect(inWords(exportWords('zh').source, 'card')).toBe('读卡');
    expect(inWords(exportWords('en').source, 'manual')).toBe('Typed by hand');
    expect(inWords(exportWords('zh').docType, 'library-card')).toBe('library-card');
    expect(inWords(exportWords('zh').docType, 'toString')).toBe('toString');
  });
});
