// IPC between the windows and the core. A window's role is what main recorded when it opened that window;
// nothing the page says about itself is trusted.
import type { BrowserWindow, IpcMain, IpcMainInvokeEvent, WebFrameMain } from 'electron';
import { IPC_CALL, IPC_EVENT, IPC_SAVE_PDF, type CallResult, type Identity } from './core/contract';
import type { Core } from './core/core';

function forbidden(message: string): CallResult<never> {
  return { ok: false, error: { code: 'forbidden', message } };
}

// Electron may hand out distinct WebFrameMain objects for one frame, so frames are compared by their ids.
function sameFrame(a: WebFrameMain, b: WebFrameMain): boolean {
  return a.processId === b.processId && a.routingId === b.routingId;
}

/** The call came from the top frame of its window, showing one of the app's own pages. */
export function fromAppPage(event: IpcMainInvokeEvent, isAppUrl: (url: string) => boolean): boolean {
  try {
    const frame = event.senderFrame;
    return !!frame && sameFrame(frame, event.sender.mainFrame) && isAppUrl(frame.url);
  } catch {
    // A frame disposed while the call was in flight throws on access: nobody left to answer.
    return false;
  }
}

/** Where to save a PDF: the person chooses, starting from a suggested name; null when they cancel. */
export type ChooseSavePath = (window: BrowserWindow, suggested: string) => Promise<string | null>;

// Characters Windows refuses in a file name, and control characters.
// eslint-disable-next-line no-control-regex
const UNSAFE_IN_FILE_NAMES = /[<>:"|?*\u0000-\u001f]/g;

/** A file name a page may suggest: its last path part, PDF, without characters no file system takes. */
function suggestedPdfName(name: unknown): string {
  const base = String(name).split(/[\\/]/).pop()!.replace(UNSAFE_IN_FILE_NAMES, '').slice(0, 100);
  return base.toLowerCase().endsWith('.pdf') ? base : `${base || 'SwabDesk'}.pdf`;
}

export function createIpc(
  core: Core,
  ipcMain: Pick<IpcMain, 'handle'>,
  isAppUrl: (url: string) => boolean,
  savePdf: { choosePath: ChooseSavePath; write: (file: string, data: Buffer) => Promise<void> },
) {
  const identities = new Map<number, Identity>();
  const windows = new Map<number, BrowserWindow>();

  // Never throws: a refusal is a CallResult like any other, so the page shows it instead of a rejected promise.
  function handleCall(event: IpcMainInvokeEvent, channel: unknown, input: unknown): CallResult | Promise<CallResult> {
    const who = identities.get(event.sender.id);
    if (!who) return forbidden('This window is not a SwabDesk window.');
    if (!fromAppPage(event, isAppUrl)) {
      return forbidden('Calls are accepted only from the page SwabDesk loaded into this window.');
    }
    return core.receive(who, channel, input);
  }
  ipcMain.handle(IPC_CALL, handleCall);

  // The window's own page as PDF (Chromium's print of its print styles), saved where the person says.
  async function handleSavePdf(event: IpcMainInvokeEvent, fileName: unknown): Promise<boolean> {
    const window = windows.get(event.sender.id);
    if (!window || !fromAppPage(event, isAppUrl)) return false;
    const file = await savePdf.choosePath(window, suggestedPdfName(fileName));
    if (!file) return false;
    await savePdf.write(file, await event.sender.printToPDF({ printBackground: true, preferCSSPageSize: true }));
    return true;
  }
  ipcMain.handle(IPC_SAVE_PDF, handleSavePdf);

  return {
    /** Records the window's identity and forwards the core's events to it until it closes. */
    attach(window: BrowserWindow, who: Identity): void {
      const contents = window.webContents;
      const id = contents.id;
      identities.set(id, who);
      windows.set(id, window);
      // Events are published inside another window's call: a send to a page already torn down must not throw there.
      const unsubscribe = core.subscribe(who, (event) => {
        if (!contents.isDestroyed()) contents.send(IPC_EVENT, event);
      });
      window.on('closed', () => {
        identities.delete(id);
        windows.delete(id);
        unsubscribe();
      });
    },
  };
}
