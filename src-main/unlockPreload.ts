// The unlock window's only bridge: it hands the site passphrase to main and hears whether it opened the data.
// Like the windows' preload it imports nothing at run time but electron.
import { contextBridge, ipcRenderer } from 'electron';
import { IPC_UNLOCK, type UnlockAnswer } from './unlockChannel';

contextBridge.exposeInMainWorld('swabdeskUnlock', {
  submit: (passphrase: string) => ipcRenderer.invoke(IPC_UNLOCK, String(passphrase)) as Promise<UnlockAnswer>,
});
