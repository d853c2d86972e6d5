// Pre-registration: the guide types a person's details, prints the sticker (to PDF here), and the sticker's QR
// code, read back from the printed page as an image, registers that person with one scan at a desk. The code is
// sealed: it names nobody, and a desk refuses it altered. The sticker prints at its own size with a quiet zone of
// at least 4 modules around the code and the masked number on one line; on screen it shows larger. An ID card read
// at the window fills the form and leaves the focus on the phone, the one field left to type.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { toBase32 } from '../../src-main/core/domain/base32';
import { idNumber } from '../fixtures/people';
import { findQr } from './qrImage';
import { signIn } from './signIn';
import { CLERKS, startStation, type RunningStation } from './station';
import { simulatedDevices } from './simulated';
import { typeAsScanner } from './typing';
import { SAMPLE_CARD } from '../fixtures/cards';

let station: RunningStation;
let out: string;

test.beforeEach(async () => {
  station = await startStation(['--simulate']);
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'swabdesk-sticker-'));
});

test.afterEach(async () => {
  await station.stop();
  fs.rmSync(out, { recursive: true, force: true });
});

const DPI = 300;
const pxAt = (mm: number, dpi: number) => (mm / 25.4) * dpi;

/** Prints the window as the label printer would (the sticker's own page size, print styles) and renders its first page. */
async function print(guide: Page): Promise<{ pdf: string; page: Buffer }> {
  const pdf = path.join(out, 'sticker.pdf');
  await guide.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  execFileSync('pdftoppm', ['-png', '-r', String(DPI), '-singlefile', pdf, path.join(out, 'page')]);
  return { pdf, page: fs.readFileSync(path.join(out, 'page.png')) };
}

/** Types a person's details at the pre-registration window and makes their sticker. */
async function makeSticker(guide: Page, person: { docType?: string; idNumber: string; name: string; phone: string }): Promise<void> {
  if (person.docType) await guide.getByTestId('guide-docType').selectOption(person.docType);
  await guide.getByTestId('guide-idNumber').fill(person.idNumber);
  await guide.getByTestId('guide-name').fill(person.name);
  await guide.getByTestId('guide-phone').fill(person.phone);
  await guide.getByTestId('sticker-make').click();
  await expect(guide.getByTestId('sticker')).toBeVisible();
}

test('a printed pre-registration sticker is sealed, registers its person with one scan at a desk, and is refused altered', async ({
  browser,
}) => {
  const guide = await browser.newPage();
  await guide.goto(station.urls.byWindow.guide);
  await signIn(guide, CLERKS[1]);

  const person = idNumber(41);
  await guide.getByTestId('guide-idNumber').fill(person.slice(0, 17) + (person[17] === '0' ? '1' : '0'));
  await expect(guide.getByTestId('guide-idNumber-reason')).toHaveText('身份证号校验位错误');
  await makeSticker(guide, { idNumber: person, name: '钱老伯', phone: '13812345678' });
  const sticker = guide.getByTestId('sticker');
  const masked = `${person.slice(0, 6)}********${person.slice(-4)}`;
  await expect(sticker).toContainText('钱*伯');
  await expect(sticker).toContainText(masked);
  await expect(sticker).not.toContainText(person);

  const printed = await print(guide);
  // The page is the sticker, 60 × 40 mm, whatever size it shows on screen.
  const page = PNG.sync.read(printed.page);
  expect(Math.abs(page.width - pxAt(60, DPI))).toBeLessThan(2);
  expect(Math.abs(page.height - pxAt(40, DPI))).toBeLessThan(2);
  const qr = findQr(printed.page);
  expect(qr.quietZoneModules).toBeGreaterThanOrEqual(4);
  // The masked number prints on one line, whole.
  const text = execFileSync('pdftotext', ['-layout', printed.pdf, '-'], { encoding: 'utf8' });
  expect(text.split('\n').some((line) => line.includes(masked))).toBe(true);

  // What a phone reads: capital letters and digits, nothing of the person.
  const code = qr.data;
  expect(code).toMatch(/^SWABDESK2[A-Z2-7]+$/);
  for (const secret of [person, person.slice(0, 17), '13812345678', '钱老伯']) expect(code).not.toContain(secret);

  const desk = await browser.newPage();
  await desk.goto(station.urls.clerk);
  await signIn(desk, CLERKS[0]);
  await typeAsScanner(desk, desk.getByTestId('scan'), '2026112300601');
  await expect(desk.getByTestId('tube-fill')).toHaveText('0 / 10 人');

  // One character changed: refused in words, nothing stored.
  const at = Math.floor(code.length / 2);
  const altered = code.slice(0, at) + (code[at] === 'A' ? 'B' : 'A') + code.slice(at + 1);
  const before = station.snapshot();
  await typeAsScanner(desk, desk.getByTestId('scan'), altered);
  await expect(desk.getByTestId('result')).toHaveAttribute('data-tone', 'refused');
  await expect(desk.getByTestId('result').locator('.result-title')).toHaveText('贴纸二维码已被改动');
  await expect(desk.getByTestId('result').locator('.result-hint')).toContainText('可能被改动或伪造');
  expect(station.snapshot()).toEqual(before);

  await typeAsScanner(desk, desk.getByTestId('scan'), code);
  await expect(desk.getByTestId('result')).toHaveAttribute('data-tone', 'ok');
  await expect(desk.getByTestId('people')).toContainText('钱*伯');

  const tables = station.snapshot();
  const registrations = tables.registrations as { doc_number: string; name: string; phone: string; source: string }[];
  expect(registrations).toEqual([expect.objectContaining({ doc_number: person, name: '钱老伯', phone: '13812345678', source: 'scan' })]);
  // The trail says a sticker was made, for whom as far as a screen may show, and keeps no code.
  const printedFacts = (tables.audit as { kind: string; data: string }[]).filter((row) => row.kind === 'sticker.printed');
  expect(printedFacts).toHaveLength(1);
  expect(printedFacts[0].data).not.toContain(person);
  // The station's sticker key is in its database only: not in what it printed.
  const [{ secret }] = tables.sticker_keys as { secret: Buffer }[];
  for (const form of [secret.toString('hex'), secret.toString('base64'), secret.toString('base64url'), toBase32(secret)]) {
    expect(station.log()).not.toContain(form);
  }
});

test('the sticker shows larger than it prints, its number never broken, its code with a quiet zone', async ({ page }) => {
  await page.goto(station.urls.byWindow.guide);
  await signIn(page, CLERKS[1]);
  const sticker = page.getByTestId('sticker');
  const number = page.getByTestId('sticker-id');
  /** The masked number as laid out: its lines, and whether it runs past its column. */
  const layout = () =>
    number.evaluate((element) => {
      const range = document.createRange();
      range.selectNodeContents(element);
      const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
      return { text: element.textContent, lines, overflows: element.scrollWidth > element.clientWidth };
    });

  await makeSticker(page, { idNumber: idNumber(5), name: '钱老伯', phone: '13812345678' });
  const box = (await sticker.boundingBox())!;
  // 60 mm at CSS's 96 pixels to the inch, shown at least one and a half times that.
  expect(box.width).toBeGreaterThanOrEqual(1.5 * pxAt(60, 96));
  expect(box.height).toBeGreaterThanOrEqual(1.5 * pxAt(40, 96));
  const id = idNumber(5);
  expect(await layout()).toEqual({ text: `${id.slice(0, 6)}********${id.slice(-4)}`, lines: 1, overflows: false });
  expect(findQr(await sticker.screenshot()).quietZoneModules).toBeGreaterThanOrEqual(4);

  // The longest number a document may have: set smaller, still on one line within the sticker.
  await page.getByTestId('sticker-next').click();
  const long = `AB${'1234567890'.repeat(3)}12345678`;
  await makeSticker(page, { docType: 'other', idNumber: long, name: '钱老伯', phone: '13812345678' });
  expect(await layout()).toEqual({ text: `${long.slice(0, 6)}${'*'.repeat(30)}${long.slice(-4)}`, lines: 1, overflows: false });
  const numberBox = (await number.boundingBox())!;
  const stickerBox = (await sticker.boundingBox())!;
  expect(numberBox.x + numberBox.width).toBeLessThanOrEqual(stickerBox.x + stickerBox.width);
  expect(findQr(await sticker.screenshot()).quietZoneModules).toBeGreaterThanOrEqual(4);
});

test('an ID card laid on the pre-registration reader fills the form and leaves the focus on the phone', async ({ page }) => {
  await page.goto(station.urls.byWindow.guide);
  await signIn(page, CLERKS[1]);
  // Signing in played its own sound; the card plays the next one.
  await expect(page.locator('html')).toHaveAttribute('data-sounds-played', '1');
  await expect(page.getByTestId('guide-docType')).toBeFocused();
  const readers = simulatedDevices(station);
  await readers.cardOn('reader-guide', SAMPLE_CARD);
  await expect(page.getByTestId('guide-idNumber')).toHaveValue(SAMPLE_CARD.idNumber);
  await expect(page.getByTestId('guide-name')).toHaveValue(SAMPLE_CARD.name);
  await expect(page.getByTestId('guide-phone')).toBeFocused();
  await expect(page.locator('html')).toHaveAttribute('data-sounds-played', '2');
  await expect(page.locator('html')).toHaveAttribute('data-last-sound', 'notice');
  await page.keyboard.type('13812345678');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('sticker')).toContainText('王*明');
  // Read for a sticker, registered nowhere.
  expect(station.snapshot().registrations).toEqual([]);

  // The next person's card, laid down while the sticker still shows: the form again, the focus on the phone.
  await readers.cardOn('reader-guide', { ...SAMPLE_CARD, name: '李小红', idNumber: idNumber(9) });
  await expect(page.getByTestId('guide-name')).toHaveValue('李小红');
  await expect(page.getByTestId('guide-phone')).toBeFocused();
  await expect(page.getByTestId('guide-phone')).toHaveValue('');
});
