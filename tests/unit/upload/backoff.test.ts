import { describe, expect, it } from 'vitest';
import { backoffDelay, nextWait, retryAfterMs } from '../../../src-main/core/upload/backoff';

const POLICY = { baseMs: 1000, capMs: 60_000 };

describe('capped full-jitter backoff', () => {
  it('draws each wait between 0 and a ceiling that doubles per attempt', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffDelay(attempt, POLICY, () => 0.999999))).toEqual([999, 1999, 3999, 7999]);
    expect(backoffDelay(3, POLICY, () => 0)).toBe(0);
    expect(backoffDelay(3, POLICY, () => 0.5)).toBe(2000);
  });

  it('never exceeds the cap, however many attempts', () => {
    expect(backoffDelay(7, POLICY, () => 0.999999)).toBe(59_999);
    expect(backoffDelay(500, POLICY, () => 0.999999)).toBe(59_999);
  });

  it('spreads stations out: many draws for one attempt cover the range', () => {
    const draws = Array.from({ length: 2000 }, () => backoffDelay(5, POLICY));
    expect(Math.min(...draws)).toBeLessThan(1600);
    expect(Math.max(...draws)).toBeGreaterThan(14_400);
    expect(draws.every((d) => d >= 0 && d < 16_000)).toBe(true);
  });
});

describe('Retry-After', () => {
  const now = new Date('2026-11-23T08:00:00Z');

  it('reads delay-seconds and HTTP dates', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Mon, 23 Nov 2026 08:00:30 GMT', now)).toBe(30_000);
    // A date already past means now.
    expect(retryAfterMs('Mon, 23 Nov 2026 07:00:00 GMT', now)).toBe(0);
  });

  it('ignores what it cannot read', () => {
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
    expect(retryAfterMs('-5', now)).toBeNull();
  });

  it('waits at least what the platform asked, within the cap', () => {
    expect(nextWait(1, 30_000, POLICY, () => 0.1)).toBe(30_000);
    expect(nextWait(6, 1000, POLICY, () => 0.999999)).toBe(31_999);
    expect(nextWait(1, 3_600_000, POLICY, () => 0)).toBe(60_000);
    expect(nextWait(2, null, POLICY, () => 0.5)).toBe(1000);
  });
});
