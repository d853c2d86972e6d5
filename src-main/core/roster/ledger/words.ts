// The words of the refused-rows file sent back to the grid worker: its headers and each reason, in Chinese (the
// default: the file goes to the community) and in English when asked.
import type { ExportLanguage } from '../../export/words';
import type { RosterRowProblem } from '../rosterPerson';

interface RefusedRowsWords {
  columns: Record<'row' | 'column' | 'reason', string>;
  sheetName: string;
  /** The file's name, without its extension. */
  fileName: string;
  reasons: Record<RosterRowProblem, string>;
}

const WORDS: Record<ExportLanguage, RefusedRowsWords> = {
  zh: {
    columns: { row: '行号', column: '列', reason: '原因' },
    sheetName: '未导入的行',
    fileName: '未导入的行',
    reasons: {
      'id-format': '证件号码格式不对',
      'id-birthdate': '身份证号中的出生日期不存在',
      'id-checkdigit': '身份证号最后一位（校验位）不对，号码有误',
      'id-region': '证件号码的地区与证件类型不符',
      'name-missing': '缺少姓名',
      'phone-invalid': '电话号码不对',
      'id-missing': '缺少证件号码',
      'id-rounded': '证件号码被 Excel 存成了数字，后几位已丢失：请把该列设为文本，重新填写号码',
      'doc-type-unknown': '证件类型无法识别',
      'invisible-character': '含有看不见的字符（控制字符或零宽字符）',
      'text-too-long': '内容超过 100 个字',
      'duplicate-row': '证件号码与前面的行重复',
    },
  },
  en: {
    columns: { row: 'Row', column: 'Column', reason: 'Reason' },
    sheetName: 'Rows not imported',
    fileName: 'rows-not-imported',
    reasons: {
      'id-format': 'The document number is not in the right form',
      'id-birthdate': 'The birth date in the ID number does not exist',
      'id-checkdigit': 'The last character (check digit) of the ID number is wrong: the number has a mistake',
      'id-region': 'The region of the document number does not match its document type',
      'name-missing': 'The name is missing',
      'phone-invalid': 'The phone number is not valid',
      'id-missing': 'The document number is missing',
      'id-rounded': 'Excel stored the document number as a number and lost its last digits: format the column as text and type the number again',
      'doc-type-unknown': 'The document type is not one the station knows',
      'invisible-character': 'It holds an invisible character (a control or zero-width character)',
      'text-too-long': 'It is longer than 100 characters',
      'duplicate-row': 'The same document number is on an earlier row',
    },
  },
};

export function refusedRowsWords(language: ExportLanguage): RefusedRowsWords {
  return WORDS[language];
}
