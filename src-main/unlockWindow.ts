// The unlock window: asks for the site passphrase where the operating system's key store cannot keep the database
// key (Linux's basic_text backend). Locked down like every window; it answers only its own page, and closes once
// a passphrase opened the site's data (or, for a new site, was long enough).
import path from 'node:path';
import { BrowserWindow, type IpcMain } from 'electron';
import { IPC_UNLOCK, type UnlockAnswer } from './unlockChannel';
import { passphraseProblem } from './passphrase/sitePassphrase';
import { fromAppPage } from './ipc';
import { SECURE_WEB_PREFERENCES } from './windows';

const UNLOCK_PRELOAD = path.join(__dirname, '../preload/unlock.js');
const UNLOCK_PAGE = path.join(__dirname, '../renderer/unlock/index.html');

/**
 * Resolves with a passphrase that `opens` accepts (for a new site: one long enough); rejects when the person
 * closes the window without one.
 */
export function askPassphraseInWindow(
  isNewSite: boolean,
  opens: (passphrase: string) => boolean,
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>,
  isAppUrl: (url: string) => boolean,
): Promise<string> {
  const window = new BrowserWindow({
    width: 560,
    height: 420,
    title: 'SwabDesk 采样台',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: UNLOCK_PRELOAD },
  });
  void window.loadFile(UNLOCK_PAGE, { query: { site: isNewSite ? 'new' : 'existing' } });
  return new Promise((resolve, reject) => {
    let done = false;
    ipcMain.handle(IPC_UNLOCK, (event, given: unknown): UnlockAnswer => {
      if (event.sender.id !== window.webContents.id || !fromAppPage(event, isAppUrl)) return { ok: false, problem: 'forbidden' };
      const passphrase = String(given);
      if (isNewSite && passphraseProblem(passphrase)) return { ok: false, problem: 'too-short' };
      if (!isNewSite && !opens(passphrase)) return { ok: false, problem: 'wrong' };
      done = true;
      ipcMain.removeHandler(IPC_UNLOCK);
      resolve(passphrase);
      window.close();
      return { ok: true };
    });
    window.on('closed', () => {
      if (done) return;
      ipcMain.removeHandler(IPC_UNLOCK);
      reject(new Error("No passphrase was given: SwabDesk cannot open the site's data without it."));
    });
  });
}
