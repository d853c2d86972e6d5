// The live view's people per hour are counted in the station's local hours, whatever its offset from UTC: whole
// hours east (China, +8) and half hours (India, +5:30), as SQLite's own local time conversion would count them.
import { afterEach, describe, expect, it } from 'vitest';
import { driver, MANAGER, value } from '../fixtures/driver';
import { idNumber } from '../fixtures/people';
import { tempCore } from '../fixtures/tempCore';

const zoneBefore = process.env.TZ;
afterEach(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

/** People registered at desk 1 at each given UTC time, in the given time zone; the live view's counts per hour. */
function perHourAt(zone: string, times: string[]): number[] {
  process.env.TZ = zone;
  let now = new Date(times[0]);
  const { core, dataDir, dispose } = tempCore(() => now);
  try {
    const d = driver(core, dataDir);
    // Hours pass between the scans: the windows stay signed in meanwhile.
    d.call(MANAGER, 'site.updateSettings', { idleLockMinutes: 240 });
    d.scan('2026112200001');
    times.forEach((time, i) => {
      now = new Date(time);
      d.scan(`测试|${idNumber(i)}|13900000000`);
    });
    const [desk] = value(core.call(MANAGER, 'site.live'));
    return desk.perHour;
  } finally {
    dispose();
  }
}

describe('people per hour', () => {
  it('counts in whole-hour zones by the local hour', () => {
    // 08:59, 09:00, 09:30 and 12:10 in China.
    const perHour = perHourAt('Asia/Shanghai', ['2026-11-22T00:59:00Z', '2026-11-22T01:00:00Z', '2026-11-22T01:30:00Z', '2026-11-22T04:10:00Z']);
    expect(perHour[8]).toBe(1);
    expect(perHour[9]).toBe(2);
    expect(perHour[12]).toBe(1);
    expect(perHour.reduce((a, b) => a + b)).toBe(4);
  });

  it('counts in half-hour zones by the local hour', () => {
    // 07:15, 07:50 and 08:05 in India.
    const perHour = perHourAt('Asia/Kolkata', ['2026-11-22T01:45:00Z', '2026-11-22T02:20:00Z', '2026-11-22T02:35:00Z']);
    expect(perHour[7]).toBe(2);
    expect(perHour[8]).toBe(1);
    expect(perHour.reduce((a, b) => a + b)).toBe(3);
  });
});

describe('people per hour as the day goes on', () => {
  it('follows each new registration, and counts again when somebody leaves the day (an undo, a void)', () => {
    const now = new Date('2026-11-22T09:30:00');
    const { core, dataDir, dispose } = tempCore(() => now);
    try {
      const d = driver(core, dataDir);
      const perHour = () => value(core.call(MANAGER, 'site.live'))[0].perHour[9];
      d.scan('2026112200001');
      d.scan(`测试|${idNumber(1)}|13900000000`);
      expect(perHour()).toBe(1);
      d.scan(`测试|${idNumber(2)}|13900000000`);
      d.scan(`测试|${idNumber(3)}|13900000000`);
      expect(perHour()).toBe(3);
      d.undo();
      expect(perHour()).toBe(2);
      // Removed and added again between two looks: still counted once.
      d.undo();
      d.scan(`测试|${idNumber(4)}|13900000000`);
      expect(perHour()).toBe(2);
      d.seal();
      const [registration] = d.tables().registrations as { id: string }[];
      d.call(MANAGER, 'site.voidRegistration', { registrationId: registration.id, reason: '登记错了' });
      expect(perHour()).toBe(1);
    } finally {
      dispose();
    }
  });
});
