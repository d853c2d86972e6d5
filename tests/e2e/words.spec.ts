// Every window, in both languages, shows words: never a raw identifier (a role, a desk id, a catalogue key),
// `undefined`, `null` or NaN. Each window is opened in each state a person reaches first, every manager tab included.
import { expect, test, type Page } from '@playwright/test';
import { personCode } from '../fixtures/people';
import { signIn } from './signIn';
import { CLERKS, MANAGER, startStation, type RunningStation } from './station';
import { typeAsScanner } from './typing';

let station: RunningStation;
test.beforeEach(async () => {
  station = await startStation(['--simulate', '--desks', '2']);
});
test.afterEach(async () => {
  await station.stop();
});

/** What a person reads on the page: its text, its title, and the placeholders, titles and labels of its controls. */
function shownText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const attributes = [...document.querySelectorAll('[placeholder], [title], [aria-label], [alt]')].flatMap((element) =>
      ['placeholder', 'title', 'aria-label', 'alt'].map((name) => element.getAttribute(name) ?? ''),
    );
    const options = [...document.querySelectorAll('option')].map((option) => option.textContent ?? '');
    return [document.title, document.body.innerText, ...attributes, ...options].join('\n');
  });
}

/** Fails on the text of a window in `language` that shows what only a program should see. */
async function expectOnlyWords(page: Page, language: 'zh' | 'en', where: string): Promise<void> {
  const text = await shownText(page);
  expect(text, where).not.toMatch(/\bundefined\b|\bnull\b|\bNaN\b|\{\{|\}\}|\[object /);
  // A catalogue key (live.desk, manager.tabs.live) shown in place of its words.
  expect(text, where).not.toMatch(/\b[a-z]+[A-Za-z]*\.[a-z]+[A-Za-z]*(\.[a-z]+[A-Za-z]*)*\b(?!\.)/);
  // Window ids and raw roles: clerk-1, "guide" where a desk number goes.
  expect(text, where).not.toMatch(/\b(clerk|manager|guide)-\d\b|(登记台|Desk) guide/);
  // (Devices are named by their model, as the USB descriptor or the manager gives it, in any language.)
  if (language === 'zh') expect(text, where).not.toMatch(/\b(clerk|manager|guide|device)\b/);
}

for (const language of ['zh', 'en'] as const) {
  test(`every window shows words only, in ${language}`, async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext();
    // Each window's language as a person chose it earlier (F9), kept by the browser under that window's name.
    await context.addInitScript(
      (chosen) => localStorage.setItem(`swabdesk.language.${new URLSearchParams(location.search).get('window')}`, chosen),
      language,
    );
    const open = async (windowId: string) => {
      const page = await context.newPage();
      await page.goto(station.urls.byWindow[windowId]);
      await expect(page.getByTestId('sign-in')).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', language === 'zh' ? 'zh-CN' : 'en');
      return page;
    };

    const clerk = await open('clerk-1');
    await expectOnlyWords(clerk, language, 'clerk sign-in');
    await signIn(clerk);
    await expectOnlyWords(clerk, language, 'clerk idle');
    await typeAsScanner(clerk, clerk.getByTestId('scan'), '2026112200007');
    await typeAsScanner(clerk, clerk.getByTestId('scan'), personCode(0));
    await expect(clerk.getByTestId('result')).toHaveAttribute('data-tone', 'ok');
    await expectOnlyWords(clerk, language, 'clerk tube open');

    const guide = await open('guide');
    await expectOnlyWords(guide, language, 'pre-registration sign-in');
    await signIn(guide, CLERKS[1]);
    await expectOnlyWords(guide, language, 'pre-registration');

    const manager = await open('manager');
    await expectOnlyWords(manager, language, 'manager sign-in');
    await signIn(manager, MANAGER);
    // The live view lists the desks and the pre-registration window, whose reader is assigned there.
    await expect(manager.getByTestId('live-desk-guide')).toBeVisible();
    for (const tab of ['live', 'bags', 'handover', 'search', 'export', 'upload', 'settings']) {
      await manager.getByTestId(`tab-${tab}`).click();
      await expect(manager.getByTestId(`tab-${tab}`)).toHaveAttribute('aria-selected', 'true');
      await expectOnlyWords(manager, language, `manager ${tab}`);
    }
    await context.close();
  });
}
