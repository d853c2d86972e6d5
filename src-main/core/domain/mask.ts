// The one set of masking helpers for every screen, log and export that does not need the full value.

/** 110101199003071233 -> 110101********1233 (keeps the region and the last four). */
export function maskIdNumber(number: string): string {
  if (number.length <= 4) return '*'.repeat(number.length);
  const head = number.length >= 14 ? 6 : Math.min(2, number.length - 4);
  return number.slice(0, head) + '*'.repeat(number.length - head - 4) + number.slice(-4);
}

/** 13800000000 -> 138****0000. */
export function maskPhone(phone: string): string {
  if (phone.length < 8) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}

/** 张三 -> 张*, 欧阳娜娜 -> 欧**娜, Anna Lee -> A******e: enough to recognise, not to identify. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return name;
  if (chars.length === 2) return chars[0] + '*';
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}
