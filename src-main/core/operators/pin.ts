// PINs are kept as salted scrypt hashes: a copied database does not give away a clerk's PIN.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** 4 to 8 digits: typed with gloves on, on a keypad. */
export const PIN_PATTERN = /^[0-9]{4,8}$/;

const KEY_LENGTH = 32;
// N = 2^14 costs about 30 ms here: rare for a sign-in, expensive for someone guessing offline.
const COST = { N: 1 << 14, r: 8, p: 1 };

export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, KEY_LENGTH, COST);
  return `scrypt$${salt.toString('base64')}$${hash.toString('base64')}`;
}

export function pinMatches(pin: string, stored: string): boolean {
  const [scheme, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = scryptSync(pin, Buffer.from(salt, 'base64'), expected.length, COST);
  return timingSafeEqual(actual, expected);
}
