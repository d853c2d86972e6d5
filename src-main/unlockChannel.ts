// The unlock window's one channel, in a module of its own: the two preloads are bundled together, and a name both
// imported would become a shared chunk that a sandboxed preload cannot load.

/** The desktop app only: the site passphrase from the unlock window, where no key store can keep the key. */
export const IPC_UNLOCK = 'swabdesk:unlock';

/** What the unlock window hears back: opened, or why not (too short for a new site, not this site's). */
export type UnlockAnswer = { ok: true } | { ok: false; problem: 'too-short' | 'wrong' | 'forbidden' };
