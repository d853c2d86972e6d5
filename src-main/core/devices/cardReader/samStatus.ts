// The reader's status byte (SW3) as a stable reason id, with a line for the desk clerk in English and
// Chinese saying what happened and what to do.

/**
 * Who a status is about: 'none' for answers of a working reader; 'card' for a card that could not be read
 * (over once a card is read); 'reader' for the reader itself (over once it answers a find normally).
 */
export type StatusScope = 'none' | 'card' | 'reader';

export interface Explanation {
  en: string;
  zh: string;
}

export interface SamStatus extends Explanation {
  code: number;
  reason: string;
  scope: StatusScope;
}

const REPLUG_EN = 'unplug and replug the reader; if it persists, call support';
const REPLUG_ZH = '请重新插拔读卡器，仍不行请联系技术支持';

export const SAM_STATUSES: readonly SamStatus[] = [
  { code: 0x90, reason: 'ok', scope: 'none', en: 'The reader did what was asked', zh: '读卡器操作成功' },
  { code: 0x9f, reason: 'find-ok', scope: 'none', en: 'A card is on the reader', zh: '已检测到证件' },
  {
    code: 0x91,
    reason: 'field-empty',
    scope: 'none',
    en: 'The card holds nothing for this item (no added address): nothing to do',
    zh: '证件中此项无内容（无追加住址），无需处理',
  },
  {
    code: 0x10,
    reason: 'checksum-error',
    scope: 'reader',
    en: `The reader received a garbled command: check its cable; ${REPLUG_EN}`,
    zh: `读卡器收到的指令校验错误：请检查连接线；${REPLUG_ZH}`,
  },
  {
    code: 0x11,
    reason: 'length-error',
    scope: 'reader',
    en: `The reader received a command of the wrong length: ${REPLUG_EN}`,
    zh: `读卡器收到的指令长度错误：${REPLUG_ZH}`,
  },
  {
    code: 0x21,
    reason: 'bad-command',
    scope: 'reader',
    en: 'The reader does not know this command: its device type may be set wrong; ask the manager',
    zh: '读卡器不支持该指令：设备型号可能设置错误，请联系负责人',
  },
  {
    code: 0x23,
    reason: 'not-authorised',
    scope: 'reader',
    en: 'The reader refused the command as not authorised: call support',
    zh: '读卡器拒绝执行该指令（越权操作）：请联系技术支持',
  },
  {
    code: 0x24,
    reason: 'unrecognised',
    scope: 'reader',
    en: `The reader reported an error it could not name: ${REPLUG_EN}`,
    zh: `读卡器报告无法识别的错误：${REPLUG_ZH}`,
  },
  {
    code: 0x31,
    reason: 'card-rejected-sam',
    scope: 'card',
    en: 'The card did not accept the reader: lift it and place it again; if it fails again, type the details in',
    zh: '证件认证读卡器失败：请拿起证件重新放置，仍失败请手工录入',
  },
  {
    code: 0x32,
    reason: 'sam-auth-failed',
    scope: 'card',
    en: 'The reader could not verify the card: lift it and place it again; if it fails again, type the details in',
    zh: '读卡器认证证件失败：请拿起证件重新放置，仍失败请手工录入',
  },
  {
    code: 0x33,
    reason: 'verification-error',
    scope: 'card',
    en: 'The card failed its check: lift it and place it again; if it fails again, type the details in',
    zh: '证件校验错误：请拿起证件重新放置，仍失败请手工录入',
  },
  {
    code: 0x40,
    reason: 'wrong-card-type',
    scope: 'card',
    en: 'This is not a card the reader can read: use the ID card itself, or type the details in',
    zh: '卡片类型不对，无法读取：请放身份证原件，或手工录入',
  },
  {
    code: 0x41,
    reason: 'read-failed',
    scope: 'card',
    en: 'The card could not be read: lift it and place it flat again',
    zh: '读卡失败：请拿起证件，平放后重试',
  },
  {
    code: 0x47,
    reason: 'random-number-failed',
    scope: 'card',
    en: 'The reader could not start talking to the card: lift it and place it flat again',
    zh: '读卡器与证件通信失败：请拿起证件，平放后重试',
  },
  {
    code: 0x60,
    reason: 'sam-self-test-failed',
    scope: 'reader',
    en: `The reader's security module failed its self-test: ${REPLUG_EN}`,
    zh: `读卡器安全模块自检失败：${REPLUG_ZH}`,
  },
  {
    code: 0x66,
    reason: 'sam-not-authorised',
    scope: 'reader',
    en: "The reader's security module is not authorised, so it cannot read cards: call support",
    zh: '读卡器安全模块未授权，无法读卡：请联系技术支持',
  },
  { code: 0x80, reason: 'no-card', scope: 'none', en: 'No card on the reader', zh: '读卡器上没有证件' },
  {
    code: 0x81,
    reason: 'select-failed',
    scope: 'card',
    en: 'The card moved before it could be read: lay it flat on the reader and keep it still',
    zh: '选卡失败：请将证件平放在读卡器上，不要移动',
  },
];

const BY_CODE = new Map(SAM_STATUSES.map((status) => [status.code, status]));

/** The status for a code; a code the reference does not list is a reader problem. */
export function samStatus(code: number): SamStatus {
  return (
    BY_CODE.get(code) ?? {
      code,
      reason: 'unknown-status',
      scope: 'reader',
      en: `The reader answered with a status it should not give: ${REPLUG_EN}`,
      zh: `读卡器返回未知状态：${REPLUG_ZH}`,
    }
  );
}

export function samReason(code: number): string {
  return samStatus(code).reason;
}
