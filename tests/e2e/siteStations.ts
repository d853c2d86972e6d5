// Several PCs of one site for a browser test: a hub on its own PostgreSQL for each test, and built stations enrolled
// to the site, their upload settings naming the hub (or a proxy in front of it), all stopped after the test.
import { test, type Browser, type Page } from '@playwright/test';
import { startTestHub, type TestHub } from '../fixtures/hub';
import { signIn } from './signIn';
import { startStation, type Clerk, type RunningStation } from './station';

export function siteAtHub(site: string) {
  let hub: TestHub;
  let stations: RunningStation[] = [];

  test.beforeEach(async () => {
    hub = await startTestHub();
  });

  test.afterEach(async () => {
    for (const station of stations) await station.stop();
    stations = [];
    await hub.close();
  });

  return {
    hub: () => hub,
    /** A station of the site, its upload settings naming `endpoint` with a token enrolled under `label`, as a manager saves them. */
    async station(label: string, endpoint = hub.url): Promise<RunningStation> {
      const token = await hub.enrol(site, label);
      const station = await startStation([], {
        settings: { siteCode: site, siteName: '东城区第三采样点', bagCapacity: 1, upload: { endpoint, intervalSeconds: 1 }, uploadToken: token },
      });
      stations.push(station);
      return station;
    },
  };
}

/** A new tab at `url` with `who` signed in. */
export async function signedIn(browser: Browser, url: string, who: Clerk): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(url);
  await signIn(page, who);
  return page;
}
