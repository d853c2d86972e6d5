// What a desk did, as a clerk perceives it: one new sound, which one, and the banner's tone.
import { expect, type Page } from '@playwright/test';

/** Runs `act` and expects exactly one new sound, this one, and the banner in `tone`. */
export async function expectOutcome(page: Page, act: () => Promise<unknown>, sound: string, tone: string): Promise<void> {
  const played = () => page.evaluate(() => Number(document.documentElement.dataset.soundsPlayed ?? 0));
  const before = await played();
  await act();
  await expect.poll(played).toBe(before + 1);
  await expect(page.locator('html')).toHaveAttribute('data-last-sound', sound);
  await expect(page.getByTestId('result')).toHaveAttribute('data-tone', tone);
}
