// A community's ledger as a grid worker keeps it, made with exceljs for the roster's end-to-end tests: a title row
// merged across the sheet above the header, then one person a row by address, and one row whose ID number has a
// wrong check character.
import ExcelJS from 'exceljs';
import { idNumber } from '../fixtures/people';

const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周婷', '吴刚', '徐丽', '孙浩'];
export const HEADER = ['序号', '姓名', '身份证号码', '联系电话', '所属网格', '楼栋', '单元', '房号', '人员类别'];

/** The person of row `index`, with the same name, ID number and phone as `personCode(index)` of the fixtures. */
export function ledgerPerson(index: number) {
  return {
    name: NAMES[index % NAMES.length],
    idNumber: idNumber(index),
    phone: `139${String(10000000 + index).slice(-8)}`,
    grid: index < 30 ? '一网格' : '二网格',
    building: `${1 + Math.floor((index % 30) / 10)}栋`,
    unit: '1单元',
    // Unique, and in the order of the rows: the list by address is the list by index.
    room: `${1001 + index}室`,
    tags: index % 5 === 0 ? '60岁以上' : '',
  };
}

/** The ledger's bytes: `people` good rows, then one refused; the sheet's row numbers start at 3 under the title. */
export async function ledgerXlsx(people: number): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('台账');
  sheet.addRow(['幸福里社区核酸检测台账']);
  sheet.mergeCells(1, 1, 1, HEADER.length);
  sheet.addRow(HEADER);
  for (let i = 0; i < people; i++) {
    const p = ledgerPerson(i);
    sheet.addRow([i + 1, p.name, p.idNumber, p.phone, p.grid, p.building, p.unit, p.room, p.tags]);
  }
  const bad = idNumber(people);
  const wrongCheck = bad.slice(0, 17) + (bad[17] === '1' ? '2' : '1');
  sheet.addRow([people + 1, '钱多多', wrongCheck, '13900000000', '二网格', '9栋', '1单元', '9999室', '']);
  return Buffer.from(await book.xlsx.writeBuffer());
}
