// Search and correct, as a manager does it: find a person by ID number and see the full record, correct the name
// with a reason, find them again by the new name, void the registration, and void a sealed tube.
import { expect, test } from '@playwright/test';
import { idNumber, personCode } from '../fixtures/people';
import { signIn } from './signIn';
import { CLERKS, MANAGER, startStation, type RunningStation } from './station';
import { typeAsScanner } from './typing';

let station: RunningStation;

test.beforeEach(async () => {
  station = await startStation();
});

test.afterEach(async () => {
  await station.stop();
});

test('a manager finds a person in full, corrects the name, voids the registration and the tube, all in the trail', async ({ browser }) => {
  const desk = await browser.newPage();
  await desk.goto(station.urls.clerk);
  await signIn(desk, CLERKS[0]);
  for (const text of ['2026112300701', personCode(0), personCode(1)]) await typeAsScanner(desk, desk.getByTestId('scan'), text);
  await expect(desk.getByTestId('tube-fill')).toHaveText('2 / 10 人');
  await desk.keyboard.press('F8');
  await expect(desk.getByTestId('tube')).toHaveAttribute('data-state', 'none');

  const manager = await browser.newPage();
  await manager.goto(station.urls.manager);
  await signIn(manager, MANAGER);
  await manager.getByTestId('tab-search').click();
  const number = idNumber(0);
  await manager.getByTestId('search-text').fill(number);
  await manager.getByTestId('search-go').click();
  const results = manager.getByTestId('search-results');
  // The manager sees the full record.
  await expect(results).toContainText(number);
  await expect(results).toContainText('张伟');
  await expect(results).toContainText('13910000000');

  await results.getByTestId('correct').click();
  await expect(manager.getByTestId('correct-name')).toHaveValue('张伟');
  await manager.getByTestId('correct-name').fill('张卫');
  await manager.getByTestId('correct-save').click();
  await expect(manager.getByRole('alert')).toContainText('请填写原因');
  await manager.getByTestId('correct-reason').fill('登记时名字写错');
  await manager.getByTestId('correct-save').click();
  await expect(manager.getByTestId('search-message')).toContainText('已更正');

  await manager.getByTestId('search-text').fill('张卫');
  await manager.getByTestId('search-go').click();
  await expect(results).toContainText(number);
  await results.getByTestId('void-registration').click();
  await manager.getByTestId('void-registration-reason').fill('重复登记');
  await manager.getByTestId('void-registration-confirm').click();
  await expect(manager.getByTestId('search-message')).toContainText('已作废');
  await expect(results).toContainText('已作废');

  await manager.getByTestId('search-text').fill('2026112300701');
  await manager.getByTestId('search-go').click();
  await expect(manager.getByTestId('search-tube')).toContainText('已封管');
  await manager.getByTestId('void-tube').click();
  await manager.getByTestId('void-tube-reason').fill('试管破损');
  await manager.getByTestId('void-tube-confirm').click();
  await expect(manager.getByTestId('search-tube')).toContainText('已作废');

  const tables = station.snapshot() as {
    registrations: { doc_number: string; name: string; status: string }[];
    tubes: { voided_at: string | null }[];
    audit: { kind: string; data: string }[];
  };
  expect(tables.registrations.find((r) => r.doc_number === number)).toMatchObject({ name: '张卫', status: 'voided' });
  expect(tables.tubes[0].voided_at).not.toBeNull();
  const kinds = tables.audit.map((row) => row.kind);
  // Three searches typed, the list read again after each void, the record opened to correct it and read again after
  // the correction: every showing of full records is audited.
  expect(kinds.filter((kind) => kind === 'search')).toHaveLength(7);
  expect(kinds).toEqual(expect.arrayContaining(['person.corrected', 'person.voided', 'tube.voided']));
  expect(tables.audit.filter((row) => row.kind === 'search').map((row) => row.data).join()).not.toContain(number);
});
