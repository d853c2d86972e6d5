// Typing into the focused field as a keyboard-mode scanner does (a burst of characters) and as a person does (a
// key every 120 ms). Playwright's own key presses are one round trip each, so on a busy machine their gaps say
// nothing about speed: the scanner's burst is played inside the page instead, one input event per character.
import { expect, type Locator, type Page } from '@playwright/test';

export const PERSON_KEY_DELAY_MS = 120;

/** A scanner's burst into the field, then its Enter suffix. */
export async function typeAsScanner(page: Page, field: Locator, text: string): Promise<void> {
  await expect(field).toBeFocused();
  await field.evaluate((input: HTMLInputElement, characters: string[]) => {
    for (const data of characters) {
      input.value += data;
      input.dispatchEvent(new InputEvent('input', { inputType: 'insertText', data, bubbles: true }));
    }
  }, [...text]);
  await page.keyboard.press('Enter');
}

/** A person typing, key by key, then Enter. */
export async function typeByHand(field: Locator, text: string): Promise<void> {
  await expect(field).toBeFocused();
  await field.pressSequentially(text, { delay: PERSON_KEY_DELAY_MS });
  await field.press('Enter');
}
