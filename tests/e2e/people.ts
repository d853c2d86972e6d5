// Made-up people with valid resident ID numbers, as personal codes `{name}|{idNumber}|{phone}`.
import { checkCharacter } from '../../src-main/core/domain/residentId';

const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周婷', '吴刚', '徐丽', '孙浩'];

export function idNumber(index: number): string {
  const birth = new Date(Date.UTC(1960, 0, 1 + index * 397));
  const yyyymmdd = birth.toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `110101${yyyymmdd}${String(100 + index).slice(-3)}`;
  return first17 + checkCharacter(first17);
}

export function personCode(index: number): string {
  return `${NAMES[index % NAMES.length]}|${idNumber(index)}|139${String(10000000 + index).slice(-8)}`;
}
