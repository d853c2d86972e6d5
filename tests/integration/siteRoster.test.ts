// The roster counts every desk of the site: B holds the roster, A registers people of it; once B's mirror has A's
// facts, B's coverage counts them, visitors apart, and a void on A takes its person out again. The roster itself
// never leaves B: the hub holds no roster fact and A's mirror none of it.
import { describe, expect, it, vi } from 'vitest';
import { MANAGER, value } from '../fixtures/driver';
import { openRoster, rosterCode, rosterEntry } from '../fixtures/rosterFile';
import { siteAtTestHub } from '../fixtures/siteStation';

const SITE = 'BJ-0103';
const WAIT = { timeout: 15_000, interval: 50 };

const { station, hub } = siteAtTestHub(SITE);

describe("the roster across the site's PCs", () => {
  it("counts another PC's registrations of roster people, and follows its voids", async () => {
    const a = await station('收费处');
    const b = await station('大厅');
    const preview = value(await openRoster(b.core, Array.from({ length: 5 }, (_, i) => rosterEntry(i))));
    value(await b.core.callAsync(MANAGER, 'roster.import', { fileId: preview.fileId }));

    a.d.scan('2026113000001');
    for (const i of [0, 1, 30]) a.d.scan(rosterCode(rosterEntry(i)));
    a.d.seal();
    const coverage = () => b.d.call(MANAGER, 'roster.coverage');
    await vi.waitFor(() => expect(coverage()).toMatchObject({ total: { onRoster: 5, sampled: 2, notYet: 3 }, visitors: 1 }), WAIT);

    const registrationId = a.db.prepare('SELECT id FROM registrations WHERE position = 1').pluck().get() as string;
    expect(a.d.call(MANAGER, 'site.voidRegistration', { registrationId, reason: '登记错了人' })).toEqual({ result: 'voided' });
    await vi.waitFor(() => expect(coverage().total).toMatchObject({ sampled: 1, notYet: 4 }), WAIT);

    const rosterFacts = await hub().query<{ count: string }>("SELECT count(*) FROM facts WHERE kind LIKE 'roster.%'");
    expect(Number(rosterFacts[0].count)).toBe(0);
    expect(a.db.prepare('SELECT count(*) FROM roster_people').pluck().get()).toBe(0);
  }, 60_000);
});
