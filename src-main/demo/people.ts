// Ten made-up people for the demo: each with a personal code and the ID card the reader would hold.
import type { CardFields } from '../core/devices/simulated/encode';
import { checkCharacter } from '../core/domain/residentId';

const NAMES = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周婷', '吴刚'];

export function demoPeople(): { code: string; card: CardFields }[] {
  return NAMES.map((name, i) => {
    const birth = `1985${String(1 + i).padStart(2, '0')}1${i}`;
    const sequence = 100 + i;
    const first17 = `110101${birth}${sequence}`;
    const idNumber = first17 + checkCharacter(first17);
    return {
      code: `${name}|${idNumber}|139${String(20000000 + i)}`,
      card: {
        name,
        // An odd sequence number is a man's.
        sexCode: sequence % 2 === 1 ? '1' : '2',
        ethnicityCode: '01',
        birthDate: birth,
        address: '北京市东城区示范路1号',
        idNumber,
        authority: '北京市公安局东城分局',
        validFrom: '20200101',
        validTo: '20400101',
      },
    };
  });
}
