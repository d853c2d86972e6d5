// The only bridge a window has: the calls its role may make and its pushed events. It imports nothing at run time
// but electron (a sandboxed preload can require nothing else); the names below are bundled in at build time.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import channelsByRole from 'virtual:swabdesk-role-channels';
import { IPC_CALL, IPC_EVENT, IPC_SAVE_PDF, WINDOW_ROLE_ARGUMENT } from './core/contract/names';
import type { CallResult, PushedEvent } from './core/contract';
import type { SwabDeskBridge } from './core/contract/wire';

// The type of window.swabdesk, declared once in the contract (the browser station provides the same API).
export type { SwabDeskBridge };

// The role main gave this window; without one (or with one no role has) the window may call nothing.
const role = process.argv.find((argument) => argument.startsWith(WINDOW_ROLE_ARGUMENT))?.slice(WINDOW_ROLE_ARGUMENT.length);
const known = new Set<string>(role !== undefined && Object.hasOwn(channelsByRole, role) ? channelsByRole[role] : []);

function call(channel: string, input: unknown): Promise<CallResult> {
  // Refused here, without IPC: a page cannot even make main look at a name its role may not call.
  if (!known.has(channel)) {
    return Promise.resolve({
      ok: false,
      error: { code: 'unknown-channel', message: `This window has no channel named ${JSON.stringify(channel)}.` },
    });
  }
  return ipcRenderer.invoke(IPC_CALL, channel, input) as Promise<CallResult>;
}

const bridge: SwabDeskBridge = {
  // The core checks each output against the contract, so the typed signature holds.
  call: call as SwabDeskBridge['call'],
  on(listener) {
    // The page gets the event alone, never Electron's IpcRendererEvent (which reaches ipcRenderer).
    const forward = (_event: IpcRendererEvent, pushed: PushedEvent) => listener(pushed);
    ipcRenderer.on(IPC_EVENT, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, forward);
    };
  },
  savePdf: (fileName) => ipcRenderer.invoke(IPC_SAVE_PDF, String(fileName)) as Promise<boolean>,
};

contextBridge.exposeInMainWorld('swabdesk', bridge);
