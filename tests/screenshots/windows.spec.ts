// Each window in each state a person sees, at the two screen sizes desks use.
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { personCode } from '../fixtures/people';
import { startStation, type RunningStation } from '../e2e/station';

const OUT = path.resolve(__dirname, '../../docs/screenshots');
const SIZES = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
];

let station: RunningStation;
test.beforeEach(async () => {
  station = await startStation();
});
test.afterEach(async () => {
  await station.stop();
});

async function scan(page: Page, text: string) {
  await page.getByTestId('scan').fill(text);
  await page.getByTestId('scan').press('Enter');
}

async function shoot(page: Page, name: string) {
  await page.screenshot({ path: path.join(OUT, `${name}-${page.viewportSize()!.width}x${page.viewportSize()!.height}.png`) });
}

for (const size of SIZES) {
  test(`clerk and manager at ${size.width}x${size.height}`, async ({ browser }) => {
    const clerk = await browser.newPage({ viewport: size });
    const manager = await browser.newPage({ viewport: size });
    await clerk.goto(station.urls.clerk);
    await manager.goto(station.urls.manager);
    await expect(clerk.getByTestId('result')).toBeVisible();
    await shoot(clerk, 'clerk-idle');

    await scan(clerk, `20261122${String(size.width).padStart(5, '0')}`);
    for (let i = 0; i < 7; i++) await scan(clerk, personCode(i));
    await expect(clerk.getByTestId('tube-fill')).toHaveText('7 / 10 人');
    await shoot(clerk, 'clerk-tube-open');

    await scan(clerk, personCode(3));
    await expect(clerk.getByTestId('result')).toHaveAttribute('data-tone', 'refused');
    await shoot(clerk, 'clerk-refused');

    for (let i = 7; i < 10; i++) await scan(clerk, personCode(i));
    await expect(clerk.getByTestId('result')).toHaveAttribute('data-tone', 'sealed');
    await shoot(clerk, 'clerk-tube-full');

    await scan(clerk, `20261123${String(size.width).padStart(5, '0')}`);
    await scan(clerk, personCode(0));
    await expect(clerk.getByTestId('result')).toHaveAttribute('data-tone', 'warning');
    await shoot(clerk, 'clerk-warning');

    await expect(manager.getByTestId('total-openTubes')).toHaveText('1');
    await shoot(manager, 'manager');
  });
}
