// The district console as district staff use it: two PCs of a site upload their morning to the hub, a viewer signs
// in (after a wrong password, said on the page) and sees the site's totals equal to what the facts say, opens the
// site (its PCs with their upload backlog, or that one never reported it; handovers and registrations masked,
// nothing to open in full), switches to English with F9; an
// officer opens one registration in full, and the hub's audit has it.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { siteDay, totalsFromFacts, type SiteDay } from '../fixtures/consoleDay';
import { startTestHub, type TestHub } from '../fixtures/hub';
import { sendBatch } from '../fixtures/hubClient';

const RENDERER = path.resolve(__dirname, '../../out/renderer');
const SCREENSHOTS = path.resolve(__dirname, '../../docs/screenshots');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];
const PASSWORD = 'district password 1';

let hub: TestHub;
let day: SiteDay;
let today: string;

test.beforeEach(async () => {
  hub = await startTestHub(undefined, { rendererDir: RENDERER });
  const now = new Date();
  today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  day = siteDay(today);
  for (const [index, facts] of day.stations.entries()) {
    const token = await hub.enrol('BJ-0101', `东城三点 PC${index + 1}`);
    // PC1 says 42 facts wait behind its batch, the oldest for 12 minutes; PC2 is an older station that says nothing.
    const measured = Date.now();
    const backlog = index === 0 ? { waiting: 42, oldestAt: new Date(measured - 12 * 60_000).toISOString(), measuredAt: new Date(measured).toISOString() } : undefined;
    const answer = await sendBatch(hub.url, token, { siteCode: 'BJ-0101', siteName: '东城区第三采样点', stationId: randomUUID(), backlog }, facts);
    expect(answer.status).toBe(200);
  }
  await hub.addUser({ name: '王科长', role: 'viewer', password: PASSWORD });
  await hub.addUser({ name: '李专员', role: 'officer', password: PASSWORD });
});

test.afterEach(async () => {
  await hub.close();
});

async function shoot(page: Page, name: string): Promise<void> {
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(SIZES[0]);
}

async function signIn(page: Page, name: string, password = PASSWORD): Promise<void> {
  await page.getByTestId('console-name').fill(name);
  await page.getByTestId('console-password').fill(password);
  await page.getByTestId('console-password').press('Enter');
}

test("district staff sign in and see each site's totals of the day; an officer opens one record, audited", async ({ browser }) => {
  const page = await browser.newPage();
  const response = await page.goto(`${hub.url}/console`);
  // Redirected to /console/, served with the windows' policy: scripts and styles from the hub only, no framing.
  expect(response!.url()).toBe(`${hub.url}/console/`);
  expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
  expect(response!.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  await expect(page.getByTestId('console-sign-in')).toBeVisible();
  await expect(page.getByTestId('console-name')).toBeFocused();
  await shoot(page, 'console-sign-in');
  await signIn(page, '王科长', 'not the password');
  await expect(page.getByTestId('console-sign-in-problem')).toHaveText('用户名或密码不对。');
  await expect(page.getByTestId('console-password')).toHaveValue('');

  await signIn(page, '王科长');
  const site = page.getByTestId('console-site');
  await expect(site).toHaveCount(1);
  const expected = totalsFromFacts(day.stations.flat(), today);
  await expect(site.getByTestId('total-people')).toHaveText(String(expected.people));
  await expect(site.getByTestId('total-tubes-open')).toHaveText(String(expected.tubesOpen));
  await expect(site.getByTestId('total-tubes-sealed')).toHaveText(String(expected.tubesSealed));
  await expect(site.getByTestId('total-bags')).toHaveText(`${expected.bags}（已封 ${expected.bagsSealed}）`);
  await expect(site.getByTestId('total-handovers')).toHaveText(String(expected.handovers));
  await expect(page.getByTestId('console-user')).toHaveText('王科长（查看）');
  await shoot(page, 'console-sites');

  await site.getByTestId('console-open-site').click();
  await expect(page.getByTestId('console-back')).toBeFocused();
  await expect(page.getByTestId('site-total-people')).toHaveText(String(expected.people));
  await expect(page.getByTestId('console-station')).toHaveCount(2);
  const pc = (label: string) => page.getByTestId('console-station').filter({ hasText: label }).getByTestId('console-station-backlog');
  await expect(pc('东城三点 PC1')).toHaveText('42 条，最早的已等 12 分钟');
  await expect(pc('东城三点 PC2')).toHaveText('从未上报（旧版软件）');
  await expect(page.getByTestId('console-handover')).toContainText('JJ-20261123-01');
  await expect(page.getByTestId('console-registration')).toHaveCount(expected.people + 2);
  await expect(page.getByTestId('console-registrations')).toContainText('欧**娜');
  await expect(page.getByTestId('console-registrations')).not.toContainText(day.person.name);
  await expect(page.getByTestId('console-open-registration')).toHaveCount(0);
  await shoot(page, 'console-site');

  await page.keyboard.press('F9');
  await expect(page.getByTestId('console-handovers')).toContainText('Handovers today');
  await expect(pc('东城三点 PC1')).toHaveText('42 waiting, oldest for 12 min');
  await expect(pc('东城三点 PC2')).toHaveText('never reported (older version)');
  await expect(page.getByTestId('console-user')).toHaveText('王科长 (viewer)');
  await page.keyboard.press('F9');
  await page.getByTestId('console-sign-out').click();
  await expect(page.getByTestId('console-sign-in')).toBeVisible();

  await signIn(page, '李专员');
  await page.getByTestId('console-open-site').click();
  const row = page.getByTestId('console-registration').filter({ hasText: '欧**娜' });
  await row.getByTestId('console-open-registration').click();
  const record = page.getByTestId('console-full-record');
  await expect(record.getByTestId('full-name')).toHaveText(day.person.name);
  await expect(record.getByTestId('full-docNumber')).toHaveText(day.person.docNumber);
  await expect(record.getByTestId('full-docType')).toHaveText('护照');
  await expect(page.getByTestId('console-close-record')).toBeFocused();
  await shoot(page, 'console-full-record');
  expect(await hub.query('SELECT user_name, registration_id FROM console_audit')).toEqual([
    { user_name: '李专员', registration_id: day.person.registrationId },
  ]);
  await page.keyboard.press('Escape');
  await expect(record).toHaveCount(0);
});
