// Pre-registration: the guide types a person's details, prints the sticker (to PDF here), and the sticker's QR
// code, read back from the printed page as an image, registers that person with one scan at a desk.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { idNumber } from '../fixtures/people';
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

/** Renders the first page of a PDF to PNG with pdftoppm and decodes the QR code on it. */
function qrOnPdf(pdf: string): string {
  execFileSync('pdftoppm', ['-png', '-r', '300', '-singlefile', pdf, path.join(out, 'page')]);
  const png = PNG.sync.read(fs.readFileSync(path.join(out, 'page.png')));
  const found = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!found) throw new Error('No QR code found on the printed sticker.');
  return found.data;
}

test('a printed pre-registration sticker registers its person with one scan at a desk', async ({ browser }) => {
  const guide = await browser.newPage();
  await guide.goto(station.urls.byWindow.guide);
  await signIn(guide, CLERKS[1]);

  const person = idNumber(41);
  await guide.getByTestId('guide-idNumber').fill(person.slice(0, 17) + (person[17] === '0' ? '1' : '0'));
  await expect(guide.getByTestId('guide-idNumber-reason')).toHaveText('身份证号校验位错误');
  await guide.getByTestId('guide-idNumber').fill(person);
  await guide.getByTestId('guide-name').fill('钱老伯');
  await guide.getByTestId('guide-phone').fill('13812345678');
  await guide.getByTestId('sticker-make').click();
  const sticker = guide.getByTestId('sticker');
  await expect(sticker).toContainText('钱*伯');
  await expect(sticker).toContainText(`${person.slice(0, 6)}********${person.slice(-4)}`);
  await expect(sticker).not.toContainText(person);

  // Printed as the label printer would: the sticker's own page size, print styles.
  const pdf = path.join(out, 'sticker.pdf');
  await guide.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  const code = qrOnPdf(pdf);
  expect(code).toMatch(/^SWABDESK1:/);

  const desk = await browser.newPage();
  await desk.goto(station.urls.clerk);
  await signIn(desk, CLERKS[0]);
  await typeAsScanner(desk, desk.getByTestId('scan'), '2026112300601');
  await expect(desk.getByTestId('tube-fill')).toHaveText('0 / 10 人');
  await typeAsScanner(desk, desk.getByTestId('scan'), code);
  await expect(desk.getByTestId('result')).toHaveAttribute('data-tone', 'ok');
  await expect(desk.getByTestId('people')).toContainText('钱*伯');

  const registrations = station.snapshot().registrations as { doc_number: string; name: string; phone: string; source: string }[];
  expect(registrations).toEqual([expect.objectContaining({ doc_number: person, name: '钱老伯', phone: '13812345678', source: 'scan' })]);
  // The trail says a sticker was made, for whom as far as a screen may show, and keeps no code.
  const audit = station.snapshot().audit as { kind: string; data: string }[];
  const printed = audit.filter((row) => row.kind === 'sticker.printed');
  expect(printed).toHaveLength(1);
  expect(printed[0].data).not.toContain(person);
});

test('an ID card laid on the pre-registration reader fills the form; only the phone is typed', async ({ page }) => {
  await page.goto(station.urls.byWindow.guide);
  await signIn(page, CLERKS[1]);
  // Signing in played its own sound; the card plays the next one.
  await expect(page.locator('html')).toHaveAttribute('data-sounds-played', '1');
  await simulatedDevices(station).cardOn('reader-guide', SAMPLE_CARD);
  await expect(page.getByTestId('guide-idNumber')).toHaveValue(SAMPLE_CARD.idNumber);
  await expect(page.getByTestId('guide-name')).toHaveValue(SAMPLE_CARD.name);
  await expect(page.locator('html')).toHaveAttribute('data-sounds-played', '2');
  await expect(page.locator('html')).toHaveAttribute('data-last-sound', 'notice');
  await page.getByTestId('guide-phone').fill('13812345678');
  await page.getByTestId('sticker-make').click();
  await expect(page.getByTestId('sticker')).toContainText('王*明');
  // Read for a sticker, registered nowhere.
  expect(station.snapshot().registrations).toEqual([]);
});
