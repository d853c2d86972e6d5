// The names communities give their ledgers' columns, each for the field it holds.
import type { RosterField } from '../rosterPerson';

const NAMES: Record<RosterField, readonly string[]> = {
  name: ['姓名', '名字', '居民姓名', '人员姓名'],
  idNumber: ['身份证号', '身份证号码', '身份证', '证件号码', '证件号', '公民身份号码', '公民身份证号码'],
  docType: ['证件类型', '证件类别'],
  phone: ['联系电话', '手机号', '手机号码', '手机', '电话', '电话号码', '联系方式'],
  grid: ['网格', '所属网格', '网格名称', '网格号'],
  building: ['楼栋', '栋', '楼号', '栋号', '楼栋号'],
  unit: ['单元', '单元号'],
  room: ['房号', '门牌号', '房间号', '室号'],
  address: ['住址', '地址', '居住地址', '现住址', '家庭住址', '详细地址'],
  tags: ['人员类别', '标签', '备注', '重点人群', '人群类别', '人群分类'],
};

const FIELD_BY_NAME = new Map(Object.entries(NAMES).flatMap(([field, names]) => names.map((name) => [name, field as RosterField])));

/** A header as it is compared: full-width folded, spaces, a required-field star and a note in brackets left out. */
const comparable = (header: string) =>
  header
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/^\*+|\*+$/gu, '')
    .replace(/\([^)]*\)$/u, '')
    .replace(/[:：]$/u, '');

/** The field a column's header names; for a two-row header ("住址/楼栋") the lower name first, then the upper. */
export function fieldOfHeader(header: string): RosterField | null {
  const parts = header.split('/').reverse();
  for (const part of parts) {
    const field = FIELD_BY_NAME.get(comparable(part));
    if (field) return field;
  }
  return null;
}
