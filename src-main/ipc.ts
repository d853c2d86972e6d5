// IPC between the windows and the core. A window's role is what main recorded when it opened that window;
// nothing the page says about itself is trusted.
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { IPC_CALL, IPC_EVENT, type CallResult, type Identity } from './core/contract';
import type { Core } from './core/core';

function forbidden(message: string): CallResult<never> {
  return { ok: false, error: { code: 'forbidden', message } };
}

// Electron may hand out distinct WebFrameMain objects for one frame, so frames are compared by their ids.
function sameFrame(a: WebFrameMain, b: WebFrameMain): boolean {
  return a.processId === b.processId && a.routingId === b.routingId;
}

/** The call came from the top frame of its window, showing one of the app's own pages. */
function fromAppPage(event: IpcMainInvokeEvent, isAppUrl: (url: string) => boolean): boolean {
  try {
    const frame = event.senderFrame;
    return !!frame && sameFrame(frame, event.sender.mainFrame) && isAppUrl(frame.url);
  } catch {
    // A frame disposed while the call was in flight throws on access: nobody left to answer.
    return false;
  }
}

export function createIpc(core: Core, ipcMain: Pick<IpcMain, 'handle'>, isAppUrl: (url: string) => boolean) {
  const identities = new Map<number, Identity>();

  // Never throws: a refusal is a CallResult like any other, so the page shows it instead of a rejected promise.
  function handleCall(event: IpcMainInvokeEvent, channel: unknown, input: unknown): CallResult | Promise<CallResult> {
    const who = identities.get(event.sender.id);
    if (!who) return forbidden('This window is not a SwabDesk window.');
    if (!fromAppPage(event, isAppUrl)) {
      return forbidden('Calls are accepted only from the page SwabDesk loaded into this window.');
    }
    return core.callAsync(who, channel, input);
  }
  ipcMain.handle(IPC_CALL, handleCall);

  return {
    /** Records the window's identity and forwards the core's events to it until it closes. */
    attach(window: BrowserWindow, who: Identity): void {
      const contents = window.webContents;
      const id = contents.id;
      identities.set(id, who);
      // Events are published inside another window's call: a send to a page already torn down must not throw there.
      const unsubscribe = core.subscribe(who, (event) => {
        if (!contents.isDestroyed()) contents.send(IPC_EVENT, event);
      });
      window.on('closed', () => {
        identities.delete(id);
        unsubscribe();
      });
    },
  };
}
