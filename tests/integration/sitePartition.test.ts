// A partition: two real stations of one site each reach a real hub through a fault proxy of their own. Both lines are
// cut; while apart, both desks open the same tube barcode and fill it, and both managers pack it, each into a bag of
// their own. Once the lines heal and everything has been uploaded and read: both managers list the same conflicts
// (both sides), the hub's conflicts table lists them too, a manager's void with a reason flows to the other PC and
// to the hub and resolves them everywhere, and each station's mirror equals the hub's projection of its site.
import { expect, it, vi } from 'vitest';
import { MANAGER, OTHER_CLERK } from '../fixtures/driver';
import { hubProjectionWithout, mirrorOf } from '../fixtures/mirror';
import { personCode } from '../fixtures/people';
import { siteAtTestHub } from '../fixtures/siteStation';

const SITE = 'BJ-0101';
const TUBE = '2026112300700';
const SETTLE = { timeout: 20_000, interval: 50 };

const { hub, stationBehindProxy: station } = siteAtTestHub(SITE);

type Station = Awaited<ReturnType<typeof station>>;

/** Everything this station recorded is at the hub, and its mirror equals the hub's projection of the others. */
async function settled(s: Station) {
  await vi.waitFor(async () => {
    expect(s.d.call(MANAGER, 'site.upload').backlog.count).toBe(0);
    expect(mirrorOf(s.db)).toEqual(await hubProjectionWithout(hub(), SITE, s.stationId));
  }, SETTLE);
}

/** The conflicts a manager sees, each side named by its PC's label (this PC's own included), sides in label order. */
function conflictsSeenAt(s: Station) {
  return s.d
    .call(MANAGER, 'site.whole')
    .conflicts.map(({ kind, subject, first, second }) => ({
      kind,
      subject,
      sides: [first, second].map((side) => ({ ...side, pc: side.pc ?? s.label })).sort((x, y) => x.pc.localeCompare(y.pc)),
    }))
    .sort((x, y) => x.kind.localeCompare(y.kind));
}

/** The fact this station recorded of `kind` about the tube barcode. */
function factOf(s: Station, kind: string): string {
  return s.db
    .prepare("SELECT fact_id FROM outbox WHERE kind = ? AND ? IN (json_extract(payload, '$.barcode'), json_extract(payload, '$.tubeBarcode'))")
    .pluck()
    .get(kind, TUBE) as string;
}

const tubeIdAt = (s: Station) => s.db.prepare("SELECT id FROM tubes WHERE barcode = ?").pluck().get(TUBE) as string;

const hubConflicts = () =>
  hub().query<{ kind: string; subject: string; first_fact: string; second_fact: string }>(
    'SELECT kind, subject, first_fact, second_fact FROM conflicts WHERE site_code = $1 ORDER BY kind',
    [SITE],
  );

it('lists what two cut-off PCs did with one tube barcode on both and at the hub, until a void resolves it everywhere', async () => {
  const a = await station('PC1 收费处');
  const b = await station('PC2 大厅');
  // Each has heard of the other before the cut.
  a.d.scan('2026112300701');
  a.d.scan(personCode(30));
  b.d.scan('2026112300702', OTHER_CLERK);
  b.d.scan(personCode(31), OTHER_CLERK);
  await settled(a);
  await settled(b);

  await Promise.all([a.proxy.cut(), b.proxy.cut()]);
  a.d.seal();
  b.d.seal(OTHER_CLERK);
  // Neither PC can know: both desks take the barcode and fill the tube, both managers pack it into a bag.
  expect(a.d.scan(TUBE)).toMatchObject({ result: 'tube-opened' });
  for (const i of [32, 33]) a.d.scan(personCode(i));
  a.d.seal();
  expect(b.d.scan(TUBE)).toMatchObject({ result: 'tube-opened' });
  for (const i of [34, 35, 36]) b.d.scan(personCode(i));
  b.d.seal();
  for (const [s, bag] of [[a, 'B000701'], [b, 'B000702']] as const) {
    expect(s.d.pack(bag)).toMatchObject({ result: 'bag-opened' });
    expect(s.d.pack(TUBE)).toMatchObject({ result: 'tube-packed', bag: { tubes: [TUBE] } });
    s.d.call(MANAGER, 'packing.sealNow');
  }
  // The cut is real: the hub has heard nothing of it, and each station still holds it.
  expect(await hub().query('SELECT barcode FROM tubes WHERE site_code = $1 AND barcode = $2', [SITE, TUBE])).toEqual([]);
  for (const s of [a, b]) expect(s.d.call(MANAGER, 'site.upload').backlog.count).toBeGreaterThan(0);
  expect(conflictsSeenAt(a)).toEqual([]);

  await Promise.all([a.proxy.heal(), b.proxy.heal()]);
  await settled(a);
  await settled(b);

  const side = (s: Station, desk: string | null, detail: string | null) => ({ pc: s.label, desk, detail, at: expect.any(String) });
  const expected = [
    { kind: 'tube-in-two-bags', subject: TUBE, sides: [side(a, null, 'B000701'), side(b, null, 'B000702')] },
    { kind: 'tube-opened-twice', subject: TUBE, sides: [side(a, '1', null), side(b, '1', null)] },
  ];
  expect(conflictsSeenAt(a)).toEqual(expected);
  expect(conflictsSeenAt(b)).toEqual(conflictsSeenAt(a));
  const pair = (kind: string) => [factOf(a, kind), factOf(b, kind)].sort();
  expect((await hubConflicts()).map(({ kind, subject, first_fact, second_fact }) => ({ kind, subject, facts: [first_fact, second_fact].sort() }))).toEqual([
    { kind: 'tube-in-two-bags', subject: TUBE, facts: pair('bag.packed') },
    { kind: 'tube-opened-twice', subject: TUBE, facts: pair('tube.opened') },
  ]);

  // B's manager finds A's tube was the wrong one: A's manager voids it with a reason, which flows as a fact.
  expect(a.d.call(MANAGER, 'site.voidTube', { barcode: TUBE, reason: '条码与大厅重复，作废本管' })).toEqual({ result: 'voided' });
  expect(conflictsSeenAt(a)).toEqual([]);
  await settled(a);
  await settled(b);
  expect(conflictsSeenAt(b)).toEqual([]);
  expect(await hubConflicts()).toEqual([]);
  expect(await hub().query('SELECT void_reason FROM tubes WHERE site_code = $1 AND tube_id = $2', [SITE, tubeIdAt(a)])).toEqual([
    { void_reason: '条码与大厅重复，作废本管' },
  ]);
  expect(b.db.prepare('SELECT void_reason FROM mirror_tubes WHERE barcode = ? AND voided_at IS NOT NULL').pluck().all(TUBE)).toEqual([
    '条码与大厅重复，作废本管',
  ]);
}, 60_000);
