// The day's paperwork: handovers listed by day (today's and past days'), each manifest naming the site and the
// manager who handed over, the tubes that would be left behind (unbagged, or open at a desk), and the day's summary.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src-main/core/core';
import { CLERK, CLERK_PIN, driver, MANAGER, OTHER_CLERK, signInManager } from '../fixtures/driver';
import { personCode } from '../fixtures/people';
import { tempCore } from '../fixtures/tempCore';

let core: Core;
let dispose: () => void;
let d: ReturnType<typeof driver>;
let now: Date;

const courier = { name: '李师傅', phone: '13900001111', vehicle: '京A12345' };

beforeEach(() => {
  let dataDir: string;
  now = new Date(2026, 10, 21, 16, 0);
  ({ core, dataDir, dispose } = tempCore(() => now));
  d = driver(core, dataDir);
  d.call(MANAGER, 'site.updateSettings', { bagCapacity: 1, siteName: '朝阳一小', siteCode: 'CY-001' });
});
afterEach(() => dispose());

/** The next day: the windows locked themselves overnight, and everybody signs in again. */
function nextMorning(): void {
  now = new Date(2026, 10, 22, 9, 0);
  signInManager(core);
  for (const desk of [CLERK, OTHER_CLERK]) {
    const [clerk] = d.call(desk, 'session.state').operators;
    expect(d.call(desk, 'session.signIn', { operatorId: clerk.id, pin: CLERK_PIN })).toMatchObject({ result: 'signed-in' });
  }
}

/** Fills a tube at a desk with `people` people from `first` on, and seals it. */
function tube(barcode: string, first: number, people: number, who = CLERK): void {
  d.scan(barcode, who);
  for (let i = first; i < first + people; i++) d.scan(personCode(i), who);
  d.seal(who);
}

/** A tube bagged (the bag holds one, so it seals itself) and handed over; returns the manifest's number. */
function handOver(tubeBarcode: string, bag: string): string {
  d.pack(bag);
  d.pack(tubeBarcode);
  const handed = d.call(MANAGER, 'site.handover', { bags: [bag], courier, temperature: null });
  if (handed.result !== 'handed-over') throw new Error(handed.problem);
  return handed.number;
}

describe('the day’s handovers', () => {
  it('lists the days that had handovers, newest first, and each day’s handovers with what they took', () => {
    tube('2026112100001', 0, 3);
    expect(handOver('2026112100001', 'B2026112101')).toBe('20261121-001');
    nextMorning();
    tube('2026112200001', 3, 2);
    tube('2026112200002', 5, 1, OTHER_CLERK);
    handOver('2026112200001', 'B2026112201');
    handOver('2026112200002', 'B2026112202');

    expect(d.call(MANAGER, 'site.handoverDays')).toEqual([
      { day: '2026-11-22', handovers: 2 },
      { day: '2026-11-21', handovers: 1 },
    ]);
    expect(d.call(MANAGER, 'site.handovers', { day: '2026-11-21' })).toEqual([
      {
        number: '20261121-001',
        handedAt: new Date(2026, 10, 21, 16, 0).toISOString(),
        courier: '李师傅',
        vehicle: '京A12345',
        handedBy: '测试负责人',
        bags: 1,
        tubes: 1,
        people: 3,
      },
    ]);
    expect(d.call(MANAGER, 'site.handovers', { day: '2026-11-22' }).map((h) => [h.number, h.tubes, h.people])).toEqual([
      ['20261122-001', 1, 2],
      ['20261122-002', 1, 1],
    ]);
    expect(d.call(MANAGER, 'site.handovers', { day: '2026-11-20' })).toEqual([]);
    // A past day's manifest opens as it was printed.
    expect(d.call(MANAGER, 'site.manifest', { number: '20261121-001' })).toMatchObject({ totals: { bags: 1, tubes: 1, people: 3 } });
  });

  it('refuses a day that is not a date, and a clerk', () => {
    expect(core.call(MANAGER, 'site.handovers', { day: '22.11.2026' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(core.call(CLERK, 'site.handoverDays')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('the manifest', () => {
  it('names the site (name and code) and the manager who handed over, as they were then', () => {
    tube('2026112100001', 0, 2);
    const number = handOver('2026112100001', 'B2026112101');
    d.call(MANAGER, 'site.updateSettings', { siteName: '朝阳二小', siteCode: 'CY-002' });
    expect(d.call(MANAGER, 'site.manifest', { number })).toMatchObject({
      site: { name: '朝阳一小', code: 'CY-001' },
      handedBy: '测试负责人',
    });
  });
});

describe('tubes left behind', () => {
  it('names sealed tubes in no bag and tubes open at a desk, with the desk, and today’s closing time', () => {
    tube('2026112100001', 0, 2);
    tube('2026112100002', 2, 1, OTHER_CLERK);
    d.scan('2026112100003');
    d.scan(personCode(5));
    handOver('2026112100002', 'B2026112101');
    expect(d.call(MANAGER, 'site.looseTubes')).toEqual({
      closesAt: new Date(2026, 10, 21, 17, 0).toISOString(),
      unbagged: [{ barcode: '2026112100001', desk: '1', people: 2, sealedAt: expect.any(String), pc: null }],
      open: [{ desk: '1', barcode: '2026112100003', people: 1, capacity: 10, openedAt: expect.any(String) }],
    });
    d.call(MANAGER, 'site.updateSettings', { closingTime: '20:30' });
    expect(d.call(MANAGER, 'site.looseTubes').closesAt).toBe(new Date(2026, 10, 21, 20, 30).toISOString());
    // Bagged and sealed, nothing is left.
    d.seal();
    d.pack('B2026112102');
    d.pack('2026112100001');
    d.pack('B2026112103');
    d.pack('2026112100003');
    expect(d.call(MANAGER, 'site.looseTubes')).toMatchObject({ unbagged: [], open: [] });
  });

  it('refuses a closing time that is not a time of day, and keeps the one set', () => {
    for (const closingTime of ['24:00', '7:00', '17:60', '']) {
      expect(core.call(MANAGER, 'site.updateSettings', { closingTime }), closingTime).toMatchObject({ ok: false });
    }
    expect(d.call(MANAGER, 'site.settings').closingTime).toBe('17:00');
  });
});

describe('the day’s summary', () => {
  it('counts the day’s people, tubes, bags, handovers, corrections, voids and what waits for upload', () => {
    tube('2026112100001', 0, 3);
    tube('2026112100002', 3, 2, OTHER_CLERK);
    tube('2026112100003', 5, 1);
    d.scan('2026112100004', OTHER_CLERK);
    d.scan(personCode(6), OTHER_CLERK);
    handOver('2026112100001', 'B2026112101');
    d.call(MANAGER, 'site.voidTube', { barcode: '2026112100003', reason: '试管破损' });
    const [person] = d.call(MANAGER, 'site.searchPeople', { text: personCode(3).split('|')[1] });
    d.call(MANAGER, 'site.voidRegistration', { registrationId: person.registrationId, reason: '重复登记' });
    const [other] = d.call(MANAGER, 'site.searchPeople', { text: personCode(4).split('|')[1] });
    expect(d.call(MANAGER, 'site.correctPerson', { registrationId: other.registrationId, name: '刘阳', reason: '姓名写错' })).toMatchObject({
      result: 'corrected',
    });

    expect(d.call(MANAGER, 'site.daySummary', { day: '2026-11-21' })).toEqual({
      day: '2026-11-21',
      madeAt: now.toISOString(),
      site: { name: '朝阳一小', code: 'CY-001' },
      desks: 2,
      // 3 + 2 + 1 + 1 registered, less the one registration voided, as the live totals count them (a voided tube's
      // people were sampled: the tube is what is void).
      people: { registered: 6, voided: 1 },
      tubes: { sealed: 2, open: 1, voided: 1, unbagged: 1 },
      bags: { open: 0, sealed: 1, handedOver: 1 },
      handovers: [expect.objectContaining({ number: '20261121-001', tubes: 1, people: 3 })],
      corrections: 1,
      upload: { state: 'off', waiting: expect.any(Number), oldestAt: expect.any(String), held: 0, lastSuccessAt: null },
    });
    expect(d.call(MANAGER, 'site.daySummary', { day: '2026-11-21' }).upload.waiting).toBeGreaterThan(10);
    // Another day: nothing of this one.
    expect(d.call(MANAGER, 'site.daySummary', { day: '2026-11-22' })).toMatchObject({
      desks: 0,
      people: { registered: 0, voided: 0 },
      tubes: { sealed: 0, open: 0, voided: 0, unbagged: 0 },
      handovers: [],
      corrections: 0,
    });
  });
});
