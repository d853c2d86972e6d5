// How a window must say a refusal: inside the label of the field it concerns, in Chinese, and never with a message of
// the core, of zod or of Node ("Invalid input…", "✖", "expected number", "bad port").
import { expect, type Page } from '@playwright/test';

/** What a window must never show. */
const RAW = /Invalid|✖|expected|received|Too (small|big)|regular expression|must start|not a URL|printable|mobile or landline|bad port|refused|not found/;
/** Three English words in a row: a sentence that did not come from the Chinese catalogue. */
const ENGLISH_SENTENCE = /[A-Za-z]{2,}\s+[A-Za-z]{2,}\s+[A-Za-z]{2,}/;

export async function expectNothingRaw(page: Page): Promise<void> {
  expect(await page.locator('body').innerText()).not.toMatch(RAW);
}

/** The refusal sits inside the label of the field `input`, says `words`, and nothing raw is anywhere on the page. */
export async function expectBeside(page: Page, input: string, field: string, words: string | RegExp): Promise<void> {
  const problem = page.locator('label', { has: page.getByTestId(input) }).getByTestId(`problem-${field}`);
  await expect(problem).toHaveText(words);
  const text = (await problem.textContent()) ?? '';
  expect(text).toMatch(/[\u4e00-\u9fff]/);
  expect(text).not.toMatch(ENGLISH_SENTENCE);
  await expectNothingRaw(page);
}
