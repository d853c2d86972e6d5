// Signing in at a clerk window the way a person does: choose your name, type the PIN key by key, Enter.
import { expect, type Page } from '@playwright/test';
import { CLERKS, type Clerk } from './station';

/** Human typing speed: well above the gaps of a scanner's burst, which the PIN field refuses. */
export const PERSON_KEY_DELAY_MS = 120;

export async function signIn(page: Page, clerk: Clerk = CLERKS[0]): Promise<void> {
  const screen = page.getByTestId('sign-in');
  await expect(screen).toBeVisible();
  await screen.getByRole('option', { name: clerk.name }).click();
  const pin = page.getByTestId('pin');
  await expect(pin).toBeFocused();
  await pin.pressSequentially(clerk.pin, { delay: PERSON_KEY_DELAY_MS });
  await pin.press('Enter');
  await expect(page.getByTestId('scan')).toBeFocused();
}
