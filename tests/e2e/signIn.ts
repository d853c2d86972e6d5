// Signing in the way a person does: choose your name, type the PIN key by key, Enter.
import { expect, type Page } from '@playwright/test';
import { CLERKS, type Clerk } from './station';
import { typeByHand } from './typing';

/** Signs in at a clerk window (by default as the first test clerk) or, given the manager, at the manager window. */
export async function signIn(page: Page, who: Clerk = CLERKS[0]): Promise<void> {
  const screen = page.getByTestId('sign-in');
  await expect(screen).toBeVisible();
  await screen.getByRole('option', { name: who.name }).click();
  // By hand: the PIN field refuses a scanner's burst.
  await typeByHand(page.getByTestId('pin'), who.pin);
  await expect(screen).toHaveCount(0);
}
