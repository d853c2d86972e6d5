// Reading a community's ledger as grid workers keep it: the header under titles and merged cells, the columns by
// their many Chinese names, every row through the desk's person rules, each refused row with its number and reason.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { checkCharacter, convertLegacy15 } from '../../src-main/core/domain/residentId';
import { LedgerCancelled, LedgerUnreadable, readLedger, writeRefusedRows, type LedgerProgress } from '../../src-main/core/roster/ledger';
import type { LedgerFileProblem } from '../../src-main/core/roster/ledgerFile';
import { csvText, gbk, residentId, utf8, withWrongCheck, xlsxLedger, zipOf, type LedgerValue } from '../fixtures/ledgers';
import { seededRandom } from '../fixtures/seededRandom';

const TODAY = new Date(2026, 10, 30);

const ID_A = residentId('19900101', 11);
const ID_B = residentId('19851231', 22);
const ID_C = residentId('19600229', 33);

/** A number whose check character is X, to be typed with a lowercase x. */
function idEndingInX(): string {
  for (let sequence = 1; ; sequence++) {
    const number = residentId('19770707', sequence);
    if (number.endsWith('X')) return number;
  }
}

async function refusedWith(problem: LedgerFileProblem, reading: Promise<unknown>) {
  await expect(reading).rejects.toBeInstanceOf(LedgerUnreadable);
  await expect(reading).rejects.toMatchObject({ problem });
}

describe('a ledger in XLSX', () => {
  it('finds the header under a merged title, joins a two-row header and reads each row with its own number', async () => {
    const bytes = await xlsxLedger([
      {
        name: '一网格',
        rows: [
          ['XX社区核酸检测台账'],
          ['序号', '姓名', '身份证号码', '住址', null, null, '手机号', '所属网格', '人员类别'],
          [null, null, null, '楼栋', '单元', '门牌号'],
          [1, '张伟', ID_A, '3栋', '1单元', 101, 13800138000, '一网格', '60岁以上、卧床'],
          [],
          [2, '王芳', ID_B, '3栋', '2单元', '202', '', null, ' 孕妇 ；独居 '],
        ],
        merges: ['A1:I1', 'D2:F2', 'A2:A3', 'B2:B3', 'C2:C3', 'G2:G3', 'H2:H3', 'I2:I3', 'H4:H6'],
      },
    ]);
    const reading = await readLedger(bytes, '台账.xlsx', {}, TODAY);
    expect(reading.sheet).toBe('一网格');
    expect(reading.headerRow).toBe(3);
    expect(reading.columns.map(({ header, field }) => [header, field])).toEqual([
      ['序号', null],
      ['姓名', 'name'],
      ['身份证号码', 'idNumber'],
      ['住址/楼栋', 'building'],
      ['住址/单元', 'unit'],
      ['住址/门牌号', 'room'],
      ['手机号', 'phone'],
      ['所属网格', 'grid'],
      ['人员类别', 'tags'],
    ]);
    expect(reading.mapping).toEqual({ name: 1, idNumber: 2, building: 3, unit: 4, room: 5, phone: 6, grid: 7, tags: 8 });
    expect(reading.rows).toBe(2);
    expect(reading.refused).toEqual([]);
    expect(reading.people).toEqual([
      {
        row: 4,
        person: {
          docType: 'resident-id',
          docNumber: ID_A,
          name: '张伟',
          phone: '13800138000',
          grid: '一网格',
          building: '3栋',
          unit: '1单元',
          room: '101',
          address: '',
          tags: ['60岁以上', '卧床'],
        },
      },
      // The grid's name merged down its rows reaches each of them.
      { row: 6, person: expect.objectContaining({ name: '王芳', docNumber: ID_B, phone: '', grid: '一网格', room: '202', tags: ['孕妇', '独居'] }) },
    ]);
  });

  it('refuses an 18-digit number stored as a number, and converts a 15-digit one, which a number holds exactly', async () => {
    const old15 = '350181800101123';
    const bytes = await xlsxLedger([
      {
        name: 'Sheet1',
        rows: [
          ['姓名', '身份证号', '电话'],
          ['张伟', Number(ID_A), 13800138000],
          ['王芳', Number(old15), null],
          ['李娜', '3.50181E+17', null],
          ['刘洋', '3.50181e17', null],
          ['陈静', idEndingInX().toLowerCase(), null],
          ['杨磊', old15.slice(0, 14) + '4', null],
        ],
      },
    ]);
    const reading = await readLedger(bytes, 'ids.xlsx', {}, TODAY);
    expect(reading.refused).toEqual([
      { row: 2, column: '身份证号', field: 'idNumber', problem: 'id-rounded' },
      { row: 4, column: '身份证号', field: 'idNumber', problem: 'id-rounded' },
      { row: 5, column: '身份证号', field: 'idNumber', problem: 'id-rounded' },
    ]);
    expect(reading.people.map(({ row, person }) => [row, person.docNumber])).toEqual([
      [3, convertLegacy15(old15)],
      [6, idEndingInX()],
      [7, convertLegacy15(old15.slice(0, 14) + '4')],
    ]);
  });

  it('reads the first sheet with a header by default, or the sheet chosen by name', async () => {
    const bytes = await xlsxLedger([
      { name: '填写说明', rows: [['请按模板填写，身份证号列设为文本']] },
      { name: '一网格', rows: [['姓名', '证件号码'], ['张伟', ID_A]] },
      { name: '二网格', rows: [['姓名', '公民身份号码'], ['王芳', ID_B], ['李娜', ID_C]] },
    ]);
    const first = await readLedger(bytes, 'grids.xlsx', {}, TODAY);
    expect(first.sheets).toEqual(['填写说明', '一网格', '二网格']);
    expect([first.sheet, first.people.map(({ person }) => person.name)]).toEqual(['一网格', ['张伟']]);
    const chosen = await readLedger(bytes, 'grids.xlsx', { sheet: '二网格' }, TODAY);
    expect([chosen.sheet, chosen.people.map(({ person }) => person.name)]).toEqual(['二网格', ['王芳', '李娜']]);
    await refusedWith('no-sheet', readLedger(bytes, 'grids.xlsx', { sheet: '三网格' }, TODAY));
  });

  it('takes the manager’s mapping over the names it knows; a field mapped past the last column is empty', async () => {
    const bytes = await xlsxLedger([
      { name: 'Sheet1', rows: [['姓名', '身份证号', '联系电话', '备用电话'], ['张伟', ID_A, '138', '13900139000']] },
    ]);
    const automatic = await readLedger(bytes, 'm.xlsx', {}, TODAY);
    expect(automatic.refused).toEqual([{ row: 2, column: '联系电话', field: 'phone', problem: 'phone-invalid' }]);
    const mapping = { name: 0, idNumber: 1, phone: 3, grid: 12 };
    const mapped = await readLedger(bytes, 'm.xlsx', { mapping }, TODAY);
    expect(mapped.mapping).toEqual(mapping);
    expect(mapped.columns.map(({ field }) => field)).toEqual(['name', 'idNumber', null, 'phone']);
    expect(mapped.people).toEqual([{ row: 2, person: expect.objectContaining({ phone: '13900139000', grid: '' }) }]);
  });

  it('reads every row of a sheet with no header it knows once the manager maps the columns', async () => {
    const bytes = await xlsxLedger([{ name: 'Sheet1', rows: [['张伟', ID_A], ['王芳', ID_B]] }]);
    const unmapped = await readLedger(bytes, 'x.xlsx', {}, TODAY);
    expect([unmapped.headerRow, unmapped.people, unmapped.refused.map(({ problem }) => problem)]).toEqual([0, [], ['name-missing', 'name-missing']]);
    const mapped = await readLedger(bytes, 'x.xlsx', { mapping: { name: 0, idNumber: 1 } }, TODAY);
    expect(mapped.people.map(({ row, person }) => [row, person.name])).toEqual([[1, '张伟'], [2, '王芳']]);
    expect(mapped.columns).toEqual([{ index: 0, header: '', field: 'name' }, { index: 1, header: '', field: 'idNumber' }]);
  });
});

describe('the person rules, row by row', () => {
  const header = ['姓名', '身份证号', '证件类型', '联系电话', '楼栋', '住址', '标签'];

  it('normalises what is only typed differently, and refuses each bad row with the first problem in column order', async () => {
    const first17 = '35018119900101100';
    const roundedLooking = `${first17}0`;
    // The row stands for a number Excel rounded only if its check character fails.
    expect(checkCharacter(first17)).not.toBe('0');
    const rows: LedgerValue[][] = [
      ['社区居民名单（2026年11月）'],
      header,
      ['买买提•艾力', ID_A, '居民身份证', '１３８ ００１３-８０００', '5栋', '幸福路1号', '外出,孕妇'],
      ['阿依古丽．买买提', ID_B, '', '010-62345678', '', '', ''],
      [],
      ['', ID_C, '', '', '', '', ''],
      ['刘\u200b洋', residentId('19700101', 5), '', '', '', '', ''],
      ['陈静', withWrongCheck(residentId('19700101', 6)), '', '', '', '', ''],
      ['杨磊', roundedLooking, '', '', '', '', ''],
      ['赵敏', residentId('19700101', 8), '军官证', '12345', '', '', ''],
      ['黄强', residentId('19700101', 9), '', '12345', '', '', ''],
      ['周婷', residentId('19700101', 10), '', '', '', '幸福路'.repeat(34), ''],
      ['吴刚', '', '', '', '', '', ''],
      ['徐丽', ID_A.slice(0, 17) + ' ', '', '', '', '', ''],
      ['孙浩', 'E12345678', '护照', '', '', '', ''],
      ['张伟', ID_A, '', '', '', '', ''],
    ];
    const reading = await readLedger(utf8(csvText(rows), true), '名单.csv', {}, TODAY);
    expect(reading.sheets).toEqual(['名单']);
    expect(reading.headerRow).toBe(2);
    expect(reading.rows).toBe(13);
    expect(reading.people.map(({ row, person }) => [row, person.name, person.docType, person.docNumber, person.phone, person.tags])).toEqual([
      [3, '买买提·艾力', 'resident-id', ID_A, '13800138000', ['外出', '孕妇']],
      [4, '阿依古丽·买买提', 'resident-id', ID_B, '01062345678', []],
      [15, '孙浩', 'passport', 'E12345678', '', []],
    ]);
    expect(reading.refused).toEqual([
      { row: 6, column: '姓名', field: 'name', problem: 'name-missing' },
      { row: 7, column: '姓名', field: 'name', problem: 'invisible-character' },
      { row: 8, column: '身份证号', field: 'idNumber', problem: 'id-checkdigit' },
      { row: 9, column: '身份证号', field: 'idNumber', problem: 'id-rounded' },
      // An unknown document type comes before the phone, though the phone is wrong too.
      { row: 10, column: '证件类型', field: 'docType', problem: 'doc-type-unknown' },
      { row: 11, column: '联系电话', field: 'phone', problem: 'phone-invalid' },
      { row: 12, column: '住址', field: 'address', problem: 'text-too-long' },
      { row: 13, column: '身份证号', field: 'idNumber', problem: 'id-missing' },
      { row: 14, column: '身份证号', field: 'idNumber', problem: 'id-format' },
      { row: 16, column: '身份证号', field: 'idNumber', problem: 'duplicate-row' },
    ]);
  });

  it('reads a CSV saved in GBK, and one in UTF-8 without a byte-order mark, the same', async () => {
    const rows = [['网格', '栋', '房间号', '姓名', '证件号码', '电话', '重点人群'], ['二网格', '7', '301', '王芳', ID_B.toLowerCase(), '13912345678', '60岁以上 卧床']];
    const expected = [
      {
        row: 2,
        person: { docType: 'resident-id', docNumber: ID_B, name: '王芳', phone: '13912345678', grid: '二网格', building: '7', unit: '', room: '301', address: '', tags: ['60岁以上', '卧床'] },
      },
    ];
    expect((await readLedger(gbk(csvText(rows)), 'gbk.csv', {}, TODAY)).people).toEqual(expected);
    expect((await readLedger(utf8(csvText(rows)), 'utf8.csv', {}, TODAY)).people).toEqual(expected);
  });
});

describe('a file that cannot be read', () => {
  it('says which of empty, not a spreadsheet or too large it is', async () => {
    await refusedWith('empty', readLedger(new Uint8Array(0), 'a.csv', {}, TODAY));
    await refusedWith('empty', readLedger(utf8('\r\n\r\n,,\r\n'), 'blank.csv', {}, TODAY));
    await refusedWith('empty', readLedger(await xlsxLedger([{ name: 'Sheet1', rows: [['XX社区台账'], ['姓名', '身份证号'], []] }]), 'h.xlsx', {}, TODAY));
    await refusedWith('empty', readLedger(await xlsxLedger([{ name: 'Sheet1', rows: [] }]), 'e.xlsx', {}, TODAY));

    const random = seededRandom(20);
    const noise = Uint8Array.from({ length: 4096 }, () => Math.floor(random() * 256));
    await refusedWith('not-a-spreadsheet', readLedger(noise, 'noise.csv', {}, TODAY));
    await refusedWith('not-a-spreadsheet', readLedger(utf8('%PDF-1.7\n1 0 obj << >> endobj\n'), '台账.pdf', {}, TODAY));
    await refusedWith('not-a-spreadsheet', readLedger(zipOf('word/document.xml', '<w:document/>'), '台账.xlsx', {}, TODAY));
    await refusedWith('not-a-spreadsheet', readLedger(utf8('姓名,身份证号\r\n'), 'renamed.xlsx', {}, TODAY));
    await refusedWith('not-a-spreadsheet', readLedger(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old.xls', {}, TODAY));

    await refusedWith('too-large', readLedger(utf8('姓名,身份证号\n' + 'x,y\n'.repeat(200_000)), 'big.csv', {}, TODAY));
  });
});

describe('a long reading', () => {
  const ledger = (count: number) =>
    utf8(csvText([['姓名', '身份证号'], ...Array.from({ length: count }, (_, i) => ['张伟', residentId('19800101', (i % 999) + 1, String(110101 + Math.floor(i / 999)))])]));

  it('reports its progress as it checks', async () => {
    const seen: LedgerProgress[] = [];
    const reading = await readLedger(ledger(2500), 'big.csv', {}, TODAY, { progress: (progress) => seen.push(progress) });
    expect(reading.people).toHaveLength(2500);
    expect(seen).toEqual([
      { phase: 'reading', done: 0, total: null },
      { phase: 'reading', done: 2501, total: 2501 },
      { phase: 'checking', done: 1000, total: 2500 },
      { phase: 'checking', done: 2000, total: 2500 },
      { phase: 'checking', done: 2500, total: 2500 },
    ]);
  });

  it('reports the rows read of an XLSX', async () => {
    const rows = [['姓名', '身份证号'], ...Array.from({ length: 1500 }, (_, i) => ['王芳', residentId('19800101', (i % 999) + 1, String(110101 + Math.floor(i / 999)))])];
    const seen: LedgerProgress[] = [];
    await readLedger(await xlsxLedger([{ name: 'Sheet1', rows }]), 'big.xlsx', {}, TODAY, { progress: (progress) => seen.push(progress) });
    expect(seen.filter(({ phase }) => phase === 'reading')).toEqual([
      { phase: 'reading', done: 0, total: null },
      { phase: 'reading', done: 1000, total: 1501 },
      { phase: 'reading', done: 1501, total: 1501 },
    ]);
  });

  it('stops at the next step once cancelled', async () => {
    let checked = 0;
    const hooks = {
      progress: (progress: LedgerProgress) => (checked = progress.phase === 'checking' ? progress.done : checked),
      cancelled: () => checked >= 1000,
    };
    await expect(readLedger(ledger(2500), 'big.csv', {}, TODAY, hooks)).rejects.toBeInstanceOf(LedgerCancelled);
    expect(checked).toBe(1000);
    await expect(readLedger(ledger(10), 'small.csv', {}, TODAY, { cancelled: () => true })).rejects.toBeInstanceOf(LedgerCancelled);
  });
});

describe('the refused rows as a file for the grid worker', () => {
  const refused = [
    { row: 7, column: '身份证号', field: 'idNumber', problem: 'id-rounded' },
    { row: 12, column: 'C', field: 'phone', problem: 'phone-invalid' },
  ] as const;

  it('writes a CSV in Chinese', async () => {
    const text = Buffer.from(await writeRefusedRows([...refused], 'csv', 'zh')).toString('utf8');
    expect(parse(text, { bom: true })).toEqual([
      ['行号', '列', '原因'],
      ['7', '身份证号', '证件号码被 Excel 存成了数字，后几位已丢失：请把该列设为文本，重新填写号码'],
      ['12', 'C', '电话号码不对'],
    ]);
  });

  it('writes an XLSX in English', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await writeRefusedRows([...refused], 'xlsx', 'en')) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const rows = [1, 2, 3].map((number) => (sheet.getRow(number).values as unknown[]).slice(1));
    expect(rows).toEqual([
      ['Row', 'Column', 'Reason'],
      [7, '身份证号', 'Excel stored the document number as a number and lost its last digits: format the column as text and type the number again'],
      [12, 'C', 'The phone number is not valid'],
    ]);
  });
});
