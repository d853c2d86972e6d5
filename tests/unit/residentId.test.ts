// GB 11643 resident ID numbers: the shared vectors, legacy conversion, and no false acceptance of random strings.
import { describe, expect, it } from 'vitest';
import { convertLegacy15, validateResidentId } from '../../src-main/core/domain/residentId';
import { loadVectors } from '../fixtures/vectors';

const TODAY = new Date(2026, 10, 22);
const { ids } = loadVectors();

/** An independent reference: ISO 7064 MOD 11-2 and a real, not-future YYYYMMDD. */
function referenceAccepts(candidate: string): boolean {
  if (!/^\d{17}[\dX]$/.test(candidate)) return false;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = weights.reduce((total, weight, i) => total + weight * Number(candidate[i]), 0);
  if ('10X98765432'[sum % 11] !== candidate[17]) return false;
  const [y, m, d] = [candidate.slice(6, 10), candidate.slice(10, 12), candidate.slice(12, 14)].map(Number);
  const date = new Date(y, m - 1, d);
  return y >= 1900 && date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d && date <= TODAY;
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

describe('resident ID numbers', () => {
  it.each(ids.valid)('accepts the valid vector %s', (number) => {
    expect(validateResidentId(number, TODAY)).toMatchObject({ ok: true, number });
  });

  it.each(ids.invalid)('refuses %s for its %s', (number, problem) => {
    expect(validateResidentId(number, TODAY)).toEqual({ ok: false, problem });
  });

  it.each(ids.conv15)('converts the 15-digit %s to %s', (legacy, converted) => {
    expect(convertLegacy15(legacy)).toBe(converted);
    expect(validateResidentId(legacy, TODAY)).toMatchObject({ ok: true, number: converted });
  });

  it('accepts a lowercase x and stores it as X, and ignores surrounding spaces', () => {
    expect(validateResidentId(' 11010519491231002x ', TODAY)).toMatchObject({ ok: true, number: '11010519491231002X' });
  });

  it('reads sex from the sequence: odd male, even female', () => {
    expect(validateResidentId('110101199003071233', TODAY)).toMatchObject({ sex: 'male', birthDate: '19900307' });
    expect(validateResidentId('310104200002294568', TODAY)).toMatchObject({ sex: 'female', birthDate: '20000229' });
  });

  it('refuses a birth date after today', () => {
    expect(validateResidentId('110101202611230014', TODAY)).toEqual({ ok: false, problem: 'birthdate' });
  });

  it('gives no false acceptance over 10,000 random 18-character strings', () => {
    const next = random(11643);
    const digit = () => String(Math.floor(next() * 10));
    let acceptedByReference = 0;
    for (let i = 0; i < 10_000; i++) {
      let candidate: string;
      if (i % 2 === 0) {
        // Plausible: a real-looking date with random digits and a random last character.
        const year = 1900 + Math.floor(next() * 130);
        const month = String(1 + Math.floor(next() * 13)).padStart(2, '0');
        const day = String(1 + Math.floor(next() * 31)).padStart(2, '0');
        candidate = Array.from({ length: 6 }, digit).join('') + year + month + day + Array.from({ length: 3 }, digit).join('');
        candidate += '0123456789X'[Math.floor(next() * 11)];
      } else {
        candidate = Array.from({ length: 18 }, () => String.fromCharCode(32 + Math.floor(next() * 95))).join('');
      }
      const expected = referenceAccepts(candidate);
      if (expected) acceptedByReference++;
      expect(validateResidentId(candidate, TODAY).ok, candidate).toBe(expected);
    }
    // About one plausible string in eleven has the right check character: the comparison saw both verdicts.
    expect(acceptedByReference).toBeGreaterThan(100);
  });
});
