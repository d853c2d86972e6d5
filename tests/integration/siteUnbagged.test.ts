// The unbagged list spans the site: a tube sealed on A and in no bag anywhere is listed on B with A's label, in the
// packing list and the end-of-day warning alike; once B packs it, neither B nor A (when its mirror hears of B's bag)
// lists it any more, nor counts it in A's day summary.
import { describe, expect, it, vi } from 'vitest';
import { MANAGER } from '../fixtures/driver';
import { personCode } from '../fixtures/people';
import { siteAtTestHub, type SiteStation } from '../fixtures/siteStation';

const SITE = 'BJ-0102';
const TUBE = '2026113000001';
const WAIT = { timeout: 15_000, interval: 50 };

const { station } = siteAtTestHub(SITE);

/** The tube barcodes the station would warn of: the packing list and the end-of-day list, which must agree. */
function unbaggedOn(s: SiteStation) {
  const listed = s.d.call(MANAGER, 'site.unbaggedTubes');
  expect(s.d.call(MANAGER, 'site.looseTubes').unbagged).toEqual(listed);
  return listed;
}

describe("the site's unbagged tubes", () => {
  it("lists another PC's sealed tube in no bag with its PC, until it is packed on any PC", async () => {
    const a = await station('收费处');
    const b = await station('大厅');
    a.d.scan(TUBE);
    for (const i of [0, 1]) a.d.scan(personCode(i));
    a.d.seal();
    expect(unbaggedOn(a)).toEqual([expect.objectContaining({ barcode: TUBE, desk: '1', people: 2, pc: null })]);

    await vi.waitFor(() => expect(unbaggedOn(b)).toEqual([{ barcode: TUBE, desk: '1', people: 2, sealedAt: expect.any(String), pc: '收费处' }]), WAIT);

    expect(b.d.pack('B000001')).toMatchObject({ result: 'bag-opened' });
    expect(b.d.pack(TUBE)).toMatchObject({ result: 'tube-packed' });
    expect(unbaggedOn(b)).toEqual([]);

    // A's own tube is in B's bag: once A's mirror has B's bag, A no longer warns of it.
    await vi.waitFor(() => expect(unbaggedOn(a)).toEqual([]), WAIT);
    const day = a.d.call(MANAGER, 'site.totals').day;
    expect(a.d.call(MANAGER, 'site.daySummary', { day }).tubes).toMatchObject({ sealed: 1, unbagged: 0 });
  }, 60_000);
});
