// GB 11643 resident ID numbers: the shared vectors, legacy conversion, a pinned "today", and no false acceptance of
// random strings against a reference implementation written here, independently of the one under test.
import { describe, expect, it } from 'vitest';
import { checkCharacter, convertLegacy15, validateResidentId } from '../../src-main/core/domain/residentId';
import { loadVectors } from '../fixtures/vectors';

const TODAY = new Date(2026, 10, 22);
const { ids } = loadVectors();

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** ISO 7064 MOD 11-2, as the field guide states it. */
function referenceCheck(first17: string): string {
  const sum = WEIGHTS.reduce((total, weight, i) => total + weight * Number(first17[i]), 0);
  return '10X98765432'[sum % 11];
}

/** A real calendar date YYYYMMDD, from 1900, not after `today`. */
function referenceRealPastDate(yyyymmdd: string, today: Date): boolean {
  const [y, m, d] = [yyyymmdd.slice(0, 4), yyyymmdd.slice(4, 6), yyyymmdd.slice(6, 8)].map(Number);
  const date = new Date(y, m - 1, d);
  if (y < 1900 || date.getFullYear() !== y || date.getMonth() !== m - 1 || date.getDate() !== d) return false;
  return date.getTime() <= new Date(today.getFullYear(), today.getMonth(), today.getDate()).getTime();
}

/**
 * Whether the field guide's rules accept `raw`: a lowercase x counts as X, surrounding spaces are ignored, and a
 * 15-digit legacy number is read as 19YY with its computed check character.
 */
function referenceAccepts(raw: string, today = TODAY): boolean {
  let candidate = raw.trim().replace(/x$/, 'X');
  if (/^\d{15}$/.test(candidate)) {
    const first17 = `${candidate.slice(0, 6)}19${candidate.slice(6)}`;
    candidate = first17 + referenceCheck(first17);
  }
  if (!/^\d{17}[\dX]$/.test(candidate)) return false;
  return referenceCheck(candidate.slice(0, 17)) === candidate[17] && referenceRealPastDate(candidate.slice(6, 14), today);
}

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generators(seed: number) {
  const next = random(seed);
  const int = (n: number) => Math.floor(next() * n);
  const digits = (n: number) => Array.from({ length: n }, () => String(int(10))).join('');
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    int,
    digits,
    /** A real date between 1900-01-01 and `today`. */
    pastDate(today = TODAY): string {
      const start = Date.UTC(1900, 0, 1);
      const end = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
      const date = new Date(start + int((end - start) / 86_400_000 + 1) * 86_400_000);
      return `${date.getUTCFullYear()}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}`;
    },
    /** Date-shaped digits, often impossible (month 13, 31 April, 29 February of a common year) or in the future. */
    dateLike(): string {
      return `${1895 + int(140)}${pad(1 + int(13))}${pad(1 + int(31))}`;
    },
    printable: (n: number) => Array.from({ length: n }, () => String.fromCharCode(32 + int(95))).join(''),
    lastChar: () => '0123456789X'[int(11)],
  };
}

describe('the shared vectors', () => {
  it('are there, with each kind of case', () => {
    expect(ids.valid.length).toBeGreaterThan(0);
    expect(ids.conv15.length).toBeGreaterThan(0);
    expect(new Set(ids.invalid.map(([, problem]) => problem))).toEqual(new Set(['format', 'birthdate', 'checkdigit']));
  });

  it('agree with the reference implementation these tests use', () => {
    for (const [number] of ids.valid) expect(referenceAccepts(number), number).toBe(true);
    for (const [number] of ids.invalid) expect(referenceAccepts(number), number).toBe(false);
  });
});

describe('resident ID numbers', () => {
  it.each(ids.valid)('accepts the valid vector %s', (number) => {
    expect(validateResidentId(number, TODAY)).toMatchObject({ ok: true, number, birthDate: number.slice(6, 14) });
  });

  it.each(ids.invalid)('refuses %s for its %s', (number, problem) => {
    expect(validateResidentId(number, TODAY)).toEqual({ ok: false, problem });
  });

  it.each(ids.conv15)('converts the 15-digit %s to %s', (legacy, converted) => {
    expect(convertLegacy15(legacy)).toBe(converted);
    expect(validateResidentId(legacy, TODAY)).toEqual({
      ok: true,
      number: converted,
      birthDate: converted.slice(6, 14),
      sex: Number(converted[16]) % 2 === 1 ? 'male' : 'female',
    });
  });

  it('accepts a lowercase x and stores it as X, and ignores surrounding spaces', () => {
    expect(validateResidentId('11010519491231002x', TODAY)).toMatchObject({ ok: true, number: '11010519491231002X' });
    expect(validateResidentId(' 11010519491231002x\t', TODAY)).toMatchObject({ ok: true, number: '11010519491231002X' });
  });

  it('refuses an x anywhere but last, and a wrong last character that is X', () => {
    expect(validateResidentId('1101051949123100X2', TODAY)).toEqual({ ok: false, problem: 'format' });
    // 110101199003071233 ends in 3: an X there is a wrong check character, not a format error.
    expect(validateResidentId('11010119900307123X', TODAY)).toEqual({ ok: false, problem: 'checkdigit' });
  });

  it('reads sex from the sequence: odd male, even female', () => {
    expect(validateResidentId('110101199003071233', TODAY)).toMatchObject({ sex: 'male', birthDate: '19900307' });
    expect(validateResidentId('310104200002294568', TODAY)).toMatchObject({ sex: 'female', birthDate: '20000229' });
  });

  it('refuses a birth date after the pinned today, and accepts one born that very day', () => {
    const bornToday = '11010120261122001';
    const bornTomorrow = '11010120261123001';
    // Right check characters, so the date is the only thing that can be wrong.
    expect(validateResidentId(bornToday + checkCharacter(bornToday), TODAY)).toMatchObject({ ok: true });
    expect(validateResidentId(bornTomorrow + checkCharacter(bornTomorrow), TODAY)).toEqual({ ok: false, problem: 'birthdate' });
    // The same number is fine once that day has come: "today" is the one passed in.
    expect(validateResidentId(bornTomorrow + checkCharacter(bornTomorrow), new Date(2026, 10, 23))).toMatchObject({ ok: true });
  });

  it('refuses impossible dates even with the right check character', () => {
    for (const date of ['19000229', '19990229', '19900431', '19901301', '19900001', '19900100', '18991231']) {
      const first17 = `110101${date}123`;
      expect(validateResidentId(first17 + checkCharacter(first17), TODAY), date).toEqual({ ok: false, problem: 'birthdate' });
    }
    const leap = '11010120000229123';
    expect(validateResidentId(leap + checkCharacter(leap), TODAY)).toMatchObject({ ok: true });
  });

  it('accepts 1,000 random valid numbers built with the right check character, and refuses each with a wrong one', () => {
    const gen = generators(7064);
    for (let i = 0; i < 1000; i++) {
      const first17 = gen.digits(6) + gen.pastDate() + gen.digits(3);
      const right = referenceCheck(first17);
      expect(validateResidentId(first17 + right, TODAY), first17 + right).toMatchObject({ ok: true, number: first17 + right });
      const wrong = '0123456789X'.replace(right, '')[gen.int(10)];
      expect(validateResidentId(first17 + wrong, TODAY), first17 + wrong).toEqual({ ok: false, problem: 'checkdigit' });
    }
  });

  it('gives no false acceptance over 10,000 random 18-character strings', () => {
    const gen = generators(11643);
    const verdicts = { acceptedByReference: 0, refusedByReference: 0 };
    for (let i = 0; i < 10_000; i++) {
      let candidate: string;
      if (i % 3 === 0) candidate = gen.digits(17) + gen.lastChar();
      else if (i % 3 === 1) candidate = gen.digits(6) + gen.dateLike() + gen.digits(3) + gen.lastChar();
      else candidate = gen.printable(18);
      expect(candidate).toHaveLength(18);
      const expected = referenceAccepts(candidate);
      verdicts[expected ? 'acceptedByReference' : 'refusedByReference']++;
      expect(validateResidentId(candidate, TODAY).ok, JSON.stringify(candidate)).toBe(expected);
    }
    // About one date-shaped string in eleven has the right check character: the comparison saw both verdicts.
    expect(verdicts.acceptedByReference).toBeGreaterThan(100);
    expect(verdicts.refusedByReference).toBeGreaterThan(9000);
  });
});
