// Signing in at a clerk window the way a person does: choose your name, type the PIN key by key, Enter.
import { expect, type Page } from '@playwright/test';
import { CLERKS, type Clerk } from './station';
import { typeByHand } from './typing';

export async function signIn(page: Page, clerk: Clerk = CLERKS[0]): Promise<void> {
  const screen = page.getByTestId('sign-in');
  await expect(screen).toBeVisible();
  await screen.getByRole('option', { name: clerk.name }).click();
  // By hand: the PIN field refuses a scanner's burst.
  await typeByHand(page.getByTestId('pin'), clerk.pin);
  await expect(page.getByTestId('scan')).toBeFocused();
}
