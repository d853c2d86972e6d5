// The district console's API: sign-in with a password for a session cookie, wrong passwords refused and then
// limited, the sites with their totals of the day equal to what the uploaded facts say, a site's stations and
// handovers, registrations masked for everyone, and one in full for an officer only, audited.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILURES } from '../../src-main/hub/console/signInLimit';
import { startTestHub, type TestHub } from '../fixtures/hub';
import { sendBatch } from '../fixtures/hubClient';
import { runHub } from '../fixtures/hubProcess';
import { siteDay, totalsFromFacts, type SiteDay } from '../fixtures/consoleDay';

const DAY = '2026-11-23';
const PASSWORD = 'a long enough password';
let hub: TestHub;
let day: SiteDay;
const stationIds = [randomUUID(), randomUUID()];

beforeAll(async () => {
  hub = await startTestHub();
  day = siteDay(DAY);
  for (const [index, facts] of day.stations.entries()) {
    const token = await hub.enrol('BJ-0101', `东城三点 PC${index + 1}`);
    const answer = await sendBatch(hub.url, token, { siteCode: 'BJ-0101', siteName: '东城区第三采样点', stationId: stationIds[index] }, facts);
    expect(answer.status).toBe(200);
  }
  // Another site, whose facts must not count in the first's totals.
  const other = siteDay(DAY);
  await sendBatch(hub.url, await hub.enrol('BJ-0202'), { siteCode: 'BJ-0202', siteName: '西城一点', stationId: randomUUID() }, other.stations[0]);
  await hub.addUser({ name: 'viewer', role: 'viewer', password: PASSWORD });
  await hub.addUser({ name: 'officer', role: 'officer', password: PASSWORD });
  await hub.addUser({ name: 'guessed', role: 'viewer', password: PASSWORD });
}, 60_000);

afterAll(async () => {
  await hub?.close();
});

async function call(path: string, options: { cookie?: string; method?: string; body?: unknown } = {}) {
  const response = await fetch(`${hub.url}/console/api${path}`, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: { ...(options.cookie ? { cookie: options.cookie } : {}), ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> & { error?: string } };
}

async function signIn(name: string, password = PASSWORD): Promise<string> {
  const answer = await call('/sign-in', { body: { name, password } });
  expect(answer.status).toBe(200);
  return answer.headers.get('set-cookie')!.split(';')[0];
}

describe('the district console API', () => {
  it('signs in with the right password only, with an HttpOnly SameSite=Strict cookie, and signs out', async () => {
    expect((await call('/sites')).status).toBe(401);
    const wrong = await call('/sign-in', { body: { name: 'viewer', password: 'not the password' } });
    expect(wrong).toMatchObject({ status: 401, json: { error: 'wrong-password' } });
    expect(wrong.headers.get('set-cookie')).toBeNull();
    expect((await call('/sign-in', { body: { name: 'nobody', password: PASSWORD } })).status).toBe(401);
    expect((await call('/sign-in', { body: { name: 'viewer' } })).json.error).toBe('malformed');

    const answer = await call('/sign-in', { body: { name: 'viewer', password: PASSWORD } });
    expect(answer.json).toEqual({ name: 'viewer', role: 'viewer' });
    const setCookie = answer.headers.get('set-cookie')!;
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    // Plain HTTP here: a Secure cookie would never come back.
    expect(setCookie).not.toMatch(/Secure/);
    const cookie = setCookie.split(';')[0];
    expect((await call('/me', { cookie })).json).toEqual({ name: 'viewer', role: 'viewer' });
    expect((await call('/sign-out', { cookie, body: {} })).status).toBe(200);
    expect((await call('/me', { cookie })).status).toBe(401);
    expect((await call('/me', { cookie: 'swabdesk_console=made-up' })).status).toBe(401);
  });

  it('adds users with `hub add-user`, the password from the environment or stdin, never from the command line', async () => {
    const add = (name: string, options: Parameters<typeof runHub>[1], extra: string[] = []) =>
      runHub(['add-user', '--database', hub.database, '--name', name, '--role', 'officer', ...extra], options);
    expect((await add('from-env', { env: { HUB_USER_PASSWORD: 'from the environment' } })).code).toBe(0);
    expect((await add('from-stdin', { input: 'typed on stdin\nnot this line\n' })).code).toBe(0);
    await signIn('from-env', 'from the environment');
    await signIn('from-stdin', 'typed on stdin');
    const short = await add('too-short', { input: 'short\n' });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('at least 10 characters');
    // A password on the command line is not read: with none given, the user is not added.
    expect((await add('from-argv', { input: '' }, ['--password', 'on the command line'])).code).toBe(2);
    expect((await call('/sign-in', { body: { name: 'from-argv', password: 'on the command line' } })).status).toBe(401);
    const again = await add('from-env', { env: { HUB_USER_PASSWORD: 'another password here' } });
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('exists already');
  });

  it('refuses every try for a name after repeated wrong passwords, the right one too', async () => {
    for (let i = 0; i < MAX_FAILURES; i++) expect((await call('/sign-in', { body: { name: 'guessed', password: `guess ${i}` } })).status).toBe(401);
    const blocked = await call('/sign-in', { body: { name: 'guessed', password: PASSWORD } });
    expect(blocked).toMatchObject({ status: 429, json: { error: 'too-many-tries' } });
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another name from the same address still signs in.
    await signIn('officer');
  });

  it("shows each site's totals of the day, equal to what its uploaded facts say", async () => {
    const cookie = await signIn('viewer');
    const answer = await call(`/sites?day=${DAY}`, { cookie });
    expect(answer.status).toBe(200);
    const sites = answer.json.sites as { code: string; name: string; stations: number; totals: unknown; lastContact: string }[];
    expect(sites.map((site) => site.code)).toEqual(['BJ-0101', 'BJ-0202']);
    const expected = totalsFromFacts(day.stations.flat(), DAY);
    // The fixture's day has every kind of total, so an all-zero answer cannot pass.
    expect(expected).toEqual({ people: 5, tubesOpen: 1, tubesSealed: 2, bags: 1, bagsSealed: 1, handovers: 1 });
    expect(sites[0]).toMatchObject({ name: '东城区第三采样点', stations: 2, totals: expected });
    expect(Date.parse(sites[0].lastContact)).not.toBeNaN();
    // The day before has its own tube and person.
    const before = await call('/sites?day=2026-11-22', { cookie });
    expect((before.json.sites as { totals: unknown }[])[0]).toMatchObject({ totals: { people: 1, tubesSealed: 1, tubesOpen: 0, handovers: 0 } });
    expect((await call('/sites?day=yesterday', { cookie })).status).toBe(400);
    expect((await call(`/sites?day=${DAY}&extra=1`, { cookie })).status).toBe(400);
  });

  it("shows a site's stations with their last contact and facts of the day, its desks and its handovers", async () => {
    const cookie = await signIn('viewer');
    const answer = await call(`/sites/BJ-0101?day=${DAY}`, { cookie });
    expect(answer.status).toBe(200);
    const stations = answer.json.stations as { stationId: string; label: string; factsToday: number }[];
    expect(stations.map((station) => [station.label, station.factsToday])).toEqual([
      ['东城三点 PC1', totalsCount(day.stations[0])],
      ['东城三点 PC2', totalsCount(day.stations[1])],
    ]);
    expect(answer.json.handovers).toEqual([
      expect.objectContaining({ number: 'JJ-20261123-01', courierName: '李师傅', bags: 1, temperature: 4.5, stationId: stationIds[0] }),
    ]);
    expect(JSON.stringify(answer.json)).not.toContain('13900002222');
    expect((answer.json.desks as unknown[]).length).toBe(2);
    expect((await call(`/sites/XX-9999?day=${DAY}`, { cookie })).json.error).toBe('unknown-site');
    expect((await call(`/sites/${encodeURIComponent('bad code!')}`, { cookie })).status).toBe(400);
  });

  it('lists registrations masked, to officers too', async () => {
    for (const name of ['viewer', 'officer']) {
      const answer = await call(`/sites/BJ-0101/registrations?day=${DAY}`, { cookie: await signIn(name) });
      const text = JSON.stringify(answer.json);
      expect(text).not.toContain(day.person.name);
      expect(text).not.toContain(day.person.docNumber);
      expect(text).not.toContain(day.person.phone);
      const row = (answer.json.registrations as { registrationId: string }[]).find((r) => r.registrationId === day.person.registrationId);
      expect(row).toMatchObject({ name: '欧**娜', docNumber: '110101********1233', phone: '138****1234', tubeBarcode: '20261123001', status: 'active' });
    }
  });

  it('opens a full record for an officer only, and audits each opening', async () => {
    const path = `/sites/BJ-0101/registrations/${day.person.registrationId}/open`;
    const audits = () => hub.query<{ user_name: string; registration_id: string; site_code: string }>('SELECT user_name, registration_id, site_code FROM console_audit');
    const viewer = await call(path, { cookie: await signIn('viewer'), body: {} });
    expect(viewer).toMatchObject({ status: 403, json: { error: 'not-allowed' } });
    expect(JSON.stringify(viewer.json)).not.toContain(day.person.name);
    expect(await audits()).toEqual([]);

    const officer = await signIn('officer');
    const full = await call(path, { cookie: officer, body: {} });
    expect(full.json).toMatchObject({ name: day.person.name, docNumber: day.person.docNumber, phone: day.person.phone, docType: 'passport' });
    expect(await audits()).toEqual([{ user_name: 'officer', registration_id: day.person.registrationId, site_code: 'BJ-0101' }]);
    // Another site's code does not reach this site's registration, and is not audited.
    expect((await call(`/sites/BJ-0202/registrations/${day.person.registrationId}/open`, { cookie: officer, body: {} })).status).toBe(404);
    expect((await call(path, { cookie: officer })).status).toBe(405);
    expect(await audits()).toHaveLength(1);
  });
});

/** Facts a station recorded on the day (its clock), all of which reached the hub. */
function totalsCount(facts: readonly { at: string }[]): number {
  const from = new Date(`${DAY}T00:00:00`).getTime();
  return facts.filter((f) => Date.parse(f.at) >= from && Date.parse(f.at) < from + 24 * 3600_000).length;
}
