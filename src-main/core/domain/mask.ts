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

/**
 * Any text about to be logged, with every run that looks like a resident ID number (15 or 18 characters) or a
 * mainland mobile number masked: an error message may quote a value (a database's constraint, a platform's answer).
 */
export function maskInText(text: string): string {
  return text
    .replace(/(?<![0-9])(?:[0-9]{17}[0-9Xx]|[0-9]{15})(?![0-9Xx])/g, (id) => maskIdNumber(id))
    .replace(/(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g, (phone) => maskPhone(phone));
}
