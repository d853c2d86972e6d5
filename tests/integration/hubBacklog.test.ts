// Each station's upload backlog on the district console: a real station reports with every batch what it still has
// waiting behind it, the hub keeps the latest report per station (a report measured earlier that arrives later does
// not replace it; one it cannot read is dropped, the batch's facts stored all the same), and the console's API
// answers it beside the station's last contact; a station that never reported (an older one) says so.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { siteAnswerSchema, type SiteAnswer } from '../../src-main/hub/console/schemas';
import { MANAGER } from '../fixtures/driver';
import { startFaultProxy } from '../fixtures/faultProxy';
import { startTestHub, type TestHub } from '../fixtures/hub';
import { sendBatch } from '../fixtures/hubClient';
import { personCode } from '../fixtures/people';
import { startSiteStation } from '../fixtures/siteStation';

const SITE = 'BJ-0101';
const PASSWORD = 'a long enough password';
let hub: TestHub;
let cookie: string;

beforeAll(async () => {
  hub = await startTestHub();
  await hub.addUser({ name: 'viewer', role: 'viewer', password: PASSWORD });
  const signIn = await fetch(`${hub.url}/console/api/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'viewer', password: PASSWORD }),
  });
  cookie = signIn.headers.get('set-cookie')!.split(';')[0];
}, 60_000);

afterAll(async () => {
  await hub?.close();
});

async function stationsOnConsole(): Promise<SiteAnswer['stations']> {
  const response = await fetch(`${hub.url}/console/api/sites/${SITE}`, { headers: { cookie } });
  expect(response.status).toBe(200);
  return siteAnswerSchema.parse(await response.json()).stations;
}

let tubes = 0;
const fact = () => ({ factId: randomUUID(), kind: 'tube.opened', at: new Date().toISOString(), tubeId: randomUUID(), barcode: `2026112390${++tubes}`, desk: '1', capacity: 10 });

describe("stations' upload backlog", () => {
  it("reaches the console from a real station: what waits behind the batch, until the station has sent it all", async () => {
    // The proxy lets through one batch measured once every fact was recorded, and holds back the rest until healed.
    let passed = false;
    let healed = false;
    const proxy = await startFaultProxy(hub.url, ({ path, body }) => {
      if (!path.startsWith('/v1/facts') || healed) return 'pass';
      const report = (JSON.parse(body.toString('utf8')) as { sender: { backlog?: { waiting: number } } }).sender.backlog;
      if (passed || report?.waiting !== 3) return 'status-503';
      passed = true;
      return 'pass';
    });
    const station = await startSiteStation(hub, SITE, 'PC1', proxy.url);
    try {
      expect(station.d.call(MANAGER, 'site.saveUploadSettings', { batchSize: 2 })).toMatchObject({ result: 'saved' });
      // A tube, three people and its seal: five facts, so a batch of two leaves three waiting.
      station.d.scan('2026112300001');
      for (const i of [0, 1, 2]) station.d.scan(personCode(i));
      station.d.seal();
      const third = station.db.prepare('SELECT created_at FROM outbox ORDER BY seq LIMIT 1 OFFSET 2').pluck().get() as string;

      await vi.waitFor(async () => expect((await stationsOnConsole())[0].backlog).not.toBeNull(), { timeout: 15_000, interval: 50 });
      const [reported] = await stationsOnConsole();
      expect(reported).toMatchObject({ stationId: station.stationId, label: 'PC1', backlog: { waiting: 3 } });
      // The oldest waiting is the third fact, its age carried over to the hub's clock (one clock here).
      const oldest = Date.parse(reported.backlog!.oldestAt!);
      expect(oldest).toBeGreaterThanOrEqual(Date.parse(third));
      expect(oldest).toBeLessThanOrEqual(Date.now());

      healed = true;
      await vi.waitFor(async () => expect((await stationsOnConsole())[0].backlog).toEqual({ waiting: 0, oldestAt: null }), { timeout: 15_000, interval: 50 });
      expect(station.db.prepare('SELECT count(*) FROM outbox WHERE sent_at IS NULL').pluck().get()).toBe(0);
    } finally {
      await station.close();
      await proxy.close();
    }
  }, 60_000);

  it('keeps the report measured last, drops one it cannot read, and says when a station never reported', async () => {
    const token = await hub.enrol(SITE, 'PC2');
    const sender = { siteCode: SITE, siteName: '东城三点', stationId: randomUUID() };
    const older = await hub.enrol(SITE, 'PC3 older version');
    expect((await sendBatch(hub.url, older, { ...sender, stationId: randomUUID() }, [fact()])).status).toBe(200);

    const report = (waiting: number, measuredAt: string, oldestAt: string | null = '2026-11-23T08:00:00.000Z') => ({ waiting, oldestAt, measuredAt });
    const backlogOf = async (label: string) => (await stationsOnConsole()).find((station) => station.label === label)?.backlog;
    expect((await sendBatch(hub.url, token, { ...sender, backlog: report(7, '2026-11-23T09:00:02.000Z') }, [fact()])).status).toBe(200);
    // A retried batch measured before the one stored commits after it.
    expect((await sendBatch(hub.url, token, { ...sender, backlog: report(9, '2026-11-23T09:00:01.000Z') }, [fact()])).status).toBe(200);
    expect(await backlogOf('PC2')).toMatchObject({ waiting: 7 });
    // The oldest fact had waited an hour and two seconds when measured.
    const { oldestAt } = (await backlogOf('PC2'))!;
    expect(Date.now() - Date.parse(oldestAt!)).toBeGreaterThanOrEqual(3_602_000);

    const facts = [fact()];
    const malformed = await sendBatch(hub.url, token, { ...sender, backlog: { waiting: -1, oldestAt: 'yesterday' } }, facts);
    expect(malformed).toMatchObject({ status: 200, json: { results: [{ factId: facts[0].factId, status: 'stored' }] } });
    expect(await backlogOf('PC2')).toMatchObject({ waiting: 7 });
    expect((await sendBatch(hub.url, token, { ...sender, backlog: report(0, '2026-11-23T09:00:03.000Z', null) }, [fact()])).status).toBe(200);
    expect(await backlogOf('PC2')).toEqual({ waiting: 0, oldestAt: null });

    expect(await backlogOf('PC3 older version')).toBeNull();
  });
});
