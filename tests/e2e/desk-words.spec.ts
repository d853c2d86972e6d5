// What the desk says, plays and reads out in the moments that used to mislead a clerk: a new tube scanned while
// the open one is not full, a switch taken back, a card laid on the reader, read-out of names (speech synthesis
// stubbed at the page's edge), and banners a clerk tells apart from a metre away and without telling hues apart.
import { expect, test, type Page } from '@playwright/test';
import { SAMPLE_CARD } from '../fixtures/cards';
import { personCode } from '../fixtures/people';
import { expectOutcome } from './outcome';
import { signIn } from './signIn';
import { simulatedDevices } from './simulated';
import { startStation, type RunningStation } from './station';
import { typeAsScanner } from './typing';

let station: RunningStation;

test.beforeEach(async () => {
  station = await startStation(['--simulate', '--desks', '1'], { settings: { poolingRatio: 5 } });
});

test.afterEach(async () => {
  await station.stop();
});

const scan = (page: Page, text: string) => typeAsScanner(page, page.getByTestId('scan'), text);

type Spoken = { text: string; lang: string };

/**
 * Replaces the platform's speech synthesis before the page starts: it has the given voices and records what it
 * is asked to say, and how often what was being said was cut short.
 */
async function stubSpeech(page: Page, voices: { name: string; lang: string }[]): Promise<void> {
  await page.addInitScript((list) => {
    const record = { spoken: [] as { text: string; lang: string }[], cancelled: 0 };
    Object.assign(window, { speechRecord: record });
    class Utterance {
      text: string;
      lang = '';
      voice: unknown = null;
      rate = 1;
      constructor(text: string) {
        this.text = text;
      }
    }
    const synthesis = {
      getVoices: () => list,
      speak: (utterance: Utterance) => record.spoken.push({ text: utterance.text, lang: utterance.lang }),
      cancel: () => record.cancelled++,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
    };
    Object.defineProperty(window, 'speechSynthesis', { value: synthesis, configurable: true });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { value: Utterance, configurable: true });
  }, voices);
}

const speech = (page: Page) =>
  page.evaluate(() => (window as unknown as { speechRecord: { spoken: Spoken[]; cancelled: number } }).speechRecord);

async function openDesk(page: Page): Promise<void> {
  await page.goto(station.urls.clerk);
  await signIn(page);
  await expect(page.getByTestId('result')).toContainText('请扫描试管条码');
}

test('a new tube while the open one is not full is a warning with its own sound; F2 switches, F4 right after takes it back', async ({
  page,
}) => {
  await openDesk(page);
  const result = page.getByTestId('result');
  await expectOutcome(page, () => scan(page, '2026112300001'), 'notice', 'info');
  for (let i = 0; i < 3; i++) await expectOutcome(page, () => scan(page, personCode(i)), 'accepted', 'ok');

  // Scanned by mistake, or on purpose: the clerk is asked, and nothing changes until F2.
  const before = station.snapshot();
  await expectOutcome(page, () => scan(page, '2026112300002'), 'switch', 'warning');
  await expect(result).toContainText('上一管 2026112300001 只有 3/5 人');
  await expect(result).toContainText('按 F2 封上一管、启用新管 2026112300002');
  expect(station.snapshot()).toEqual(before);
  await expect(page.getByTestId('scan')).toBeFocused();

  // Anything else keeps the old tube: the next person goes into it.
  await expectOutcome(page, () => scan(page, personCode(3)), 'accepted', 'ok');
  await expect(page.getByTestId('tube-fill')).toHaveText('4 / 5 人');

  // Asked again, and confirmed: the old tube is sealed with 4, the new one opens empty.
  await expectOutcome(page, () => scan(page, '2026112300002'), 'switch', 'warning');
  await expectOutcome(page, () => page.keyboard.press('F2'), 'notice', 'info');
  await expect(result).toContainText('试管 2026112300002 已开管');
  await expect(result).toContainText('上一管 2026112300001 未满（4/5 人），已封管');
  await expect(page.getByTestId('tube-barcode')).toHaveText('2026112300002');

  // F4 before anyone is in the new tube takes the switch back.
  await expectOutcome(page, () => page.keyboard.press('F4'), 'notice', 'info');
  await expect(result).toContainText('已撤销换管：继续使用 2026112300001');
  await expect(result).toContainText('新管 2026112300002 已作废');
  await expect(page.getByTestId('tube-barcode')).toHaveText('2026112300001');
  await expect(page.getByTestId('tube-fill')).toHaveText('4 / 5 人');
  await expect(page.getByTestId('scan')).toBeFocused();
  const { tubes } = station.snapshot() as { tubes: { barcode: string; status: string }[] };
  expect(tubes.map((t) => [t.barcode, t.status])).toEqual([
    ['2026112300001', 'open'],
    ['2026112300002', 'discarded'],
  ]);

  // The tube fills up as if the switch had never happened, and says which tube it sealed.
  await expectOutcome(page, () => scan(page, personCode(4)), 'full', 'sealed');
  await expect(result).toContainText('试管 2026112300001 已满，已封管');
});

test('F4 on a tube sealed by itself says what only the manager can do', async ({ page }) => {
  await openDesk(page);
  await scan(page, '2026112300011');
  for (let i = 0; i < 5; i++) await scan(page, personCode(i));
  await expect(page.getByTestId('result')).toHaveAttribute('data-tone', 'sealed');
  await expectOutcome(page, () => page.keyboard.press('F4'), 'refused', 'refused');
  await expect(page.getByTestId('result')).toContainText('只有点位负责人可以取出某人');
});

test('read-out: set at the desk with the keyboard, it says surname and position, and "换" when the tube is full', async ({ page }) => {
  await stubSpeech(page, [{ name: 'Stub Mandarin', lang: 'zh-CN' }]);
  await openDesk(page);

  // F3 opens the desk's settings, with the focus inside and the platform's voice named.
  await page.keyboard.press('F3');
  const dialog = page.getByTestId('desk-settings');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('names-masked')).toBeFocused();
  await expect(page.getByTestId('voice')).toContainText('Stub Mandarin');
  // Tab to the read-out choices, arrows down twice: off -> position -> surname. Each choice is saved as made.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('read-out-off')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('read-out-surname')).toBeChecked();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('scan')).toBeFocused();

  await expectOutcome(page, () => scan(page, '2026112300021'), 'notice', 'info');
  expect((await speech(page)).spoken).toEqual([]);
  await expectOutcome(page, () => scan(page, personCode(0)), 'accepted', 'ok');
  await expect.poll(async () => (await speech(page)).spoken).toEqual([{ text: '张 1', lang: 'zh-CN' }]);
  // On screen the name stays masked: names in full are a setting of their own.
  await expect(page.getByTestId('result')).toContainText('张* 第 1 位');

  // Two people in quick succession: each is said, the earlier cut short rather than queued before the next scan.
  await scan(page, personCode(1));
  await scan(page, personCode(2));
  await expect(page.getByTestId('tube-fill')).toHaveText('3 / 5 人');
  await expect.poll(async () => (await speech(page)).spoken.map((s) => s.text)).toEqual(['张 1', '王 2', '李 3']);
  expect((await speech(page)).cancelled).toBe(3);
  await expectOutcome(page, () => scan(page, personCode(3)), 'accepted', 'ok');
  await expectOutcome(page, () => scan(page, personCode(4)), 'full', 'sealed');
  await expect.poll(async () => (await speech(page)).spoken.at(-1)?.text).toBe('陈 5换');

  // Full names on screen and read out in full: the same settings dialog, by keyboard.
  await page.keyboard.press('F3');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('names-full')).toBeChecked();
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('read-out-full')).toBeChecked();
  await page.keyboard.press('F3');
  await expect(page.getByTestId('desk-settings')).toHaveCount(0);
  await scan(page, '2026112300022');
  await scan(page, personCode(5));
  await expect.poll(async () => (await speech(page)).spoken.at(-1)?.text).toBe('杨磊 1');
  await expect(page.getByTestId('people')).toContainText('杨磊');

  // In English the position is read in the window's language, with an English voice only.
  await page.keyboard.press('F9');
  const count = (await speech(page)).spoken.length;
  await scan(page, personCode(6));
  await expect(page.getByTestId('result')).toContainText('at position 2');
  await expect(page.locator('html')).toHaveAttribute('data-last-sound', 'accepted');
  expect((await speech(page)).spoken).toHaveLength(count);
});

test('read-out on a PC without a voice for the language: settings say so, and the tones alone play', async ({ page }) => {
  await stubSpeech(page, [{ name: 'Stub English', lang: 'en-US' }]);
  await openDesk(page);
  await page.keyboard.press('F3');
  await expect(page.getByTestId('voice')).toContainText('本机没有当前语言的语音');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('read-out-position')).toBeChecked();
  await page.keyboard.press('Escape');
  await expectOutcome(page, () => scan(page, '2026112300031'), 'notice', 'info');
  await expectOutcome(page, () => scan(page, personCode(0)), 'accepted', 'ok');
  expect((await speech(page)).spoken).toEqual([]);
});

test('a card on the reader shows the name with sex and year of birth, to compare with the face', async ({ page }) => {
  await openDesk(page);
  const devices = simulatedDevices(station);
  await expectOutcome(page, () => devices.scanWith('scanner-1', '2026112300041'), 'notice', 'info');
  await expectOutcome(page, () => devices.cardOn('reader-1', SAMPLE_CARD), 'accepted', 'ok');
  await expect(page.getByTestId('result')).toContainText('王*明 第 1 位');
  await expect(page.getByTestId('result-card')).toHaveText('男 · 1990 年生');
  // A scanned code does not carry the card's details; the line is for cards only.
  await expectOutcome(page, () => devices.scanWith('scanner-1', personCode(1)), 'accepted', 'ok');
  await expect(page.getByTestId('result-card')).toHaveCount(0);
});

/** The lines of the banner's title, each as the number of characters on it. */
function titleLines(page: Page): Promise<number[]> {
  return page.getByTestId('result').locator('.result-title').evaluate((title) => {
    const text = title.firstChild!;
    const length = text.textContent!.length;
    const tops: number[] = [];
    for (let i = 0; i < length; i++) {
      const range = document.createRange();
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      const rect = range.getBoundingClientRect();
      if (rect.width > 0) tops.push(Math.round(rect.top));
    }
    return [...new Set(tops)].map((line) => tops.filter((top) => top === line).length);
  });
}

/** The banner's title, at both sizes and in both languages, never ends on a line of one character. */
async function expectNoLoneCharacter(page: Page): Promise<void> {
  for (const size of [{ width: 1366, height: 768 }, { width: 1920, height: 1080 }]) {
    await page.setViewportSize(size);
    for (let language = 0; language < 2; language++) {
      const lines = await titleLines(page);
      expect(lines.length === 1 || lines.at(-1)! > 1, `${JSON.stringify(size)}: ${JSON.stringify(lines)}`).toBe(true);
      await page.keyboard.press('F9');
    }
  }
}

test('from a metre away: type grows with the window, a warning and a sealed tube differ beyond hue, no title leaves one character alone', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await openDesk(page);
  const title = page.getByTestId('result').locator('.result-title');
  const fontSize = () => title.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
  const look = () =>
    page.getByTestId('result').evaluate((banner) => {
      const style = getComputedStyle(banner);
      return { border: style.borderTopStyle, fill: style.backgroundImage === 'none' ? 'plain' : 'striped' };
    });

  await scan(page, '2026112300051');
  for (let i = 0; i < 5; i++) await scan(page, personCode(i));
  await expect(page.getByTestId('result')).toHaveAttribute('data-tone', 'sealed');
  expect(await look()).toEqual({ border: 'double', fill: 'plain' });
  await expectNoLoneCharacter(page);

  await scan(page, '2026112300052');
  await scan(page, personCode(5));
  await scan(page, '2026112300053');
  await expect(page.getByTestId('result')).toHaveAttribute('data-tone', 'warning');
  expect(await look()).toEqual({ border: 'dashed', fill: 'striped' });
  await expectNoLoneCharacter(page);

  // The same banner, the same words: bigger on the bigger screen, and the tube's list with it.
  await page.setViewportSize({ width: 1366, height: 768 });
  const small = await fontSize();
  await page.setViewportSize({ width: 1920, height: 1080 });
  expect(await fontSize()).toBeGreaterThanOrEqual(small * 1.3);
  const listSize = await page.getByTestId('people').locator('li').first().evaluate((row) => parseFloat(getComputedStyle(row).fontSize));
  expect(listSize).toBeGreaterThanOrEqual(22);
});
