// IPC between the windows and the core. A window's role is what main recorded when it opened that window;
// nothing the page says about itself is trusted.
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_CALL, IPC_EVENT, type CallResult, type Identity } from './core/contract';
import type { Core } from './core/core';

function forbidden(message: string): CallResult<never> {
  return { ok: false, error: { code: 'forbidden', message } };
}

export function createIpc(core: Core, ipcMain: Pick<IpcMain, 'handle'>, isAppUrl: (url: string) => boolean) {
  const identities = new Map<number, Identity>();

  function handleCall(event: IpcMainInvokeEvent, channel: unknown, input: unknown): CallResult {
    const who = identities.get(event.sender.id);
    if (!who) return forbidden('This window is not a SwabDesk window.');
    const frame = event.senderFrame;
    if (!frame || frame !== event.sender.mainFrame || !isAppUrl(frame.url)) {
      return forbidden('Calls are accepted only from the page SwabDesk loaded into this window.');
    }
    return core.call(who, channel, input);
  }
  ipcMain.handle(IPC_CALL, handleCall);

  return {
    /** Records the window's identity and forwards the core's events to it until it closes. */
    attach(window: BrowserWindow, who: Identity): void {
      const contents = window.webContents;
      const id = contents.id;
      identities.set(id, who);
      const unsubscribe = core.subscribe(who, (event) => contents.send(IPC_EVENT, event));
      window.on('closed', () => {
        identities.delete(id);
        unsubscribe();
      });
    },
  };
}
