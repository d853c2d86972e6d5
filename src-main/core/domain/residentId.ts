// GB 11643-1999 resident ID numbers: 6-digit region, YYYYMMDD birth date, 3-digit sequence, ISO 7064 MOD 11-2 check.

export type ResidentIdProblem = 'format' | 'birthdate' | 'checkdigit';

export type ResidentIdVerdict =
  | { ok: true; number: string; birthDate: string; sex: 'male' | 'female' }
  | { ok: false; problem: ResidentIdProblem };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** The check character for the first 17 digits of an 18-digit number. */
export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

export function isRealPastDate(yyyymmdd: string, today: Date): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return false;
  const todayUtc = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return date.getTime() <= todayUtc;
}

/** Converts a 15-digit legacy number (YYMMDD, no check character) to its 18-digit form. */
export function convertLegacy15(number15: string): string {
  const first17 = number15.slice(0, 6) + '19' + number15.slice(6);
  return first17 + checkCharacter(first17);
}

/**
 * Validates a resident ID number as typed or scanned: surrounding spaces are ignored,
 * a lowercase x is stored as X, and a 15-digit legacy number is converted to 18 digits.
 */
export function validateResidentId(raw: string, today: Date = new Date()): ResidentIdVerdict {
  let number = raw.trim().toUpperCase();
  if (/^\d{15}$/.test(number)) number = convertLegacy15(number);
  if (!/^\d{17}[\dX]$/.test(number)) return { ok: false, problem: 'format' };
  const birthDate = number.slice(6, 14);
  if (!isRealPastDate(birthDate, today)) return { ok: false, problem: 'birthdate' };
  if (checkCharacter(number) !== number[17]) return { ok: false, problem: 'checkdigit' };
  return { ok: true, number, birthDate, sex: Number(number[16]) % 2 === 1 ? 'male' : 'female' };
}
