// Stations see their site: two real stations enrolled to one site at a real hub read each other's facts into their
// mirrors. A tube filled on A is refused at B's desk with A's desk and PC; a person sampled on A is caught by B's
// same-day check; B's manager packs A's tube and hands the bag over; each mirror equals the hub's projection of the
// other station; what the two did while apart is listed as a conflict on both until a manager voids one side.
import { describe, expect, it, vi } from 'vitest';
import { MANAGER, OTHER_CLERK } from '../fixtures/driver';
import { hubProjectionWithout, mirrorOf } from '../fixtures/mirror';
import { personCode } from '../fixtures/people';
import { siteAtTestHub, type SiteStation } from '../fixtures/siteStation';

const SITE = 'BJ-0101';
const courier = { name: '李师傅', phone: '13900001111', vehicle: '京A12345' };

const { hub, station } = siteAtTestHub(SITE);

/** Waits until the station's mirror equals the hub's projection of the other stations (the feed read to its end). */
async function caughtUp(s: SiteStation) {
  await vi.waitFor(async () => expect(mirrorOf(s.db)).toEqual(await hubProjectionWithout(hub(), SITE, s.stationId)), { timeout: 15_000, interval: 50 });
}

describe('stations of one site', () => {
  it("refuse another PC's tube barcode, catch its person today, pack its tube and hand it over, and mirror the hub", async () => {
    const a = await station('收费处');
    const b = await station('大厅');
    a.d.scan('2026112300001');
    for (const i of [0, 1, 2]) a.d.scan(personCode(i));
    a.d.seal();

    await vi.waitFor(() => expect(b.db.prepare("SELECT status FROM mirror_tubes WHERE barcode = '2026112300001'").pluck().get()).toBe('sealed'), {
      timeout: 15_000,
      interval: 50,
    });
    await vi.waitFor(() => expect(b.d.call(MANAGER, 'site.whole').pcs).toEqual([
      expect.objectContaining({ stationId: a.stationId, label: '收费处', desks: [expect.objectContaining({ desk: '1', peopleToday: 3 })] }),
    ]), { timeout: 15_000, interval: 50 });
    const whole = b.d.call(MANAGER, 'site.whole');
    expect(whole.totals).toMatchObject({ peopleToday: 3, sealedTubesToday: 1 });
    expect(whole.feed).toMatchObject({ state: 'reading' });

    // At B's desk: A's tube is refused with its desk and PC, and nothing is written.
    b.d.expectRefused(() => b.d.scan('2026112300001'), 'tube-used-elsewhere');
    expect(b.d.scan('2026112300001')).toEqual({ result: 'refused', problem: 'tube-used-elsewhere', desk: '1', pc: '收费处' });
    // A person A sampled today is asked about at B.
    b.d.scan('2026112300101', OTHER_CLERK);
    expect(b.d.scan(personCode(1), OTHER_CLERK)).toMatchObject({ result: 'confirm', warning: 'sampled-today', earlier: { desk: '1', pc: '收费处' } });

    // B's manager packs A's tube and hands the bag over.
    expect(b.d.pack('B000001')).toMatchObject({ result: 'bag-opened' });
    expect(b.d.pack('2026112300001')).toMatchObject({ result: 'tube-packed', bag: { tubes: ['2026112300001'] } });
    expect(b.d.pack('2026112300001')).toMatchObject({ result: 'refused', problem: 'tube-already-bagged' });
    b.d.call(MANAGER, 'packing.sealNow');
    const handedOver = b.d.call(MANAGER, 'site.handover', { bags: ['B000001'], courier, temperature: 4 });
    expect(handedOver).toMatchObject({ result: 'handed-over', bags: 1, tubes: 1, people: 3 });
    // The manifest lists A's tube with the people the mirror knows in it.
    const number = handedOver.result === 'handed-over' ? handedOver.number : '';
    expect(b.d.call(MANAGER, 'site.manifest', { number })).toMatchObject({
      totals: { bags: 1, tubes: 1, people: 3 },
      bags: [{ barcode: 'B000001', tubes: [{ barcode: '2026112300001', people: 3 }] }],
    });
    // A hears of it: its own tube is in B's bag, so A may not pack it again.
    await vi.waitFor(() => expect(a.db.prepare("SELECT count(*) FROM mirror_bag_tubes WHERE tube_barcode = '2026112300001'").pluck().get()).toBe(1), {
      timeout: 15_000,
      interval: 50,
    });
    expect(a.d.pack('B000002')).toMatchObject({ result: 'bag-opened' });
    expect(a.d.pack('2026112300001')).toMatchObject({ result: 'refused', problem: 'tube-already-bagged' });

    await caughtUp(a);
    await caughtUp(b);
    expect(mirrorOf(b.db).tubes.length).toBeGreaterThan(0);
    // Nothing of the mirror went into an outbox.
    const mirroredIds = (b.db.prepare('SELECT fact_id FROM mirror_facts').pluck().all() as string[]);
    const outbox = new Set(b.db.prepare('SELECT fact_id FROM outbox').pluck().all() as string[]);
    expect(mirroredIds.length).toBeGreaterThan(0);
    expect(mirroredIds.filter((id) => outbox.has(id))).toEqual([]);
  }, 60_000);

  it('list what two PCs did apart on both, until a manager voids one side', async () => {
    const a = await station('PC1');
    const b = await station('PC2');
    // Apart: neither hears the hub while both open the same barcode.
    await Promise.all([a.core.uploader.stop(), b.core.uploader.stop()]);
    a.d.scan('2026112300900');
    a.d.scan(personCode(20));
    b.d.scan('2026112300900');
    b.d.scan(personCode(21));
    a.core.uploader.start();
    b.core.uploader.start();

    const twice = (s: typeof a) => s.d.call(MANAGER, 'site.whole').conflicts.filter((c) => c.subject === '2026112300900');
    await vi.waitFor(() => expect(twice(a)).toEqual([
      { kind: 'tube-opened-twice', subject: '2026112300900', first: expect.objectContaining({ pc: null, desk: '1' }), second: expect.objectContaining({ pc: 'PC2', desk: '1' }) },
    ]), { timeout: 15_000, interval: 50 });
    await vi.waitFor(() => expect(twice(b)).toEqual([
      { kind: 'tube-opened-twice', subject: '2026112300900', first: expect.objectContaining({ pc: null }), second: expect.objectContaining({ pc: 'PC1' }) },
    ]), { timeout: 15_000, interval: 50 });

    // Resolved by a void with a reason on one side, which flows to the other as a fact.
    a.d.seal();
    expect(a.d.call(MANAGER, 'site.voidTube', { barcode: '2026112300900', reason: '条码与PC2重复' })).toEqual({ result: 'voided' });
    expect(twice(a)).toEqual([]);
    await vi.waitFor(() => expect(twice(b)).toEqual([]), { timeout: 15_000, interval: 50 });
  }, 60_000);
});
