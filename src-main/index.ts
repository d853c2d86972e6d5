// The Electron main process: the only file that wires Electron to the core. Everything it does is in
// windows.ts (locked-down windows) and ipc.ts (calls checked against each window's role).
import fs from 'node:fs';
import path from 'node:path';
import { app, dialog, ipcMain, safeStorage, session } from 'electron';
import { DATABASE_FILE } from './core/core';
import { dataDirArgument } from './core/dataDir';
import { createRuntime, StopRequested } from './runtime';
import { databaseKey } from './databaseKey';
import { openDatabase, DatabaseLocked } from './core/db/database';
import { givenPassphrase } from './passphrase/sitePassphrase';
import { askPassphraseInWindow } from './unlockWindow';
import { launchArguments } from './core/launchArguments';
import { identityOf } from './core/stationWindows';
import { createIpc } from './ipc';
import { startStation } from './station/server';
import { bringToFront, hardenSession, hardenWebContents, isAppUrl, openWindow } from './windows';

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  const runtime = createRuntime();
  app.on('window-all-closed', () => app.quit());
  // Quitting waits for the stop (devices, uploader, backups, then the core), however far the start had got.
  app.on('will-quit', (event) => {
    event.preventDefault();
    void runtime.stop().then(() => app.exit(0));
  });
  void app.whenReady().then(async () => {
    hardenSession(session.defaultSession);
    const launch = launchArguments(process.argv);
    const dataDir = dataDirArgument(process.argv) ?? app.getPath('userData');
    // Where the key store cannot keep the key: the site passphrase, from --passphrase-file or the environment, else
    // asked for in the unlock window, which takes only one that opens the site's data.
    // Packaged, SQLite loads the binding built for Electron, which ships beside app.asar (scripts/dist.mjs).
    const nativeBinding = app.isPackaged ? path.join(process.resourcesPath, 'native', 'better_sqlite3.node') : undefined;
    const opens = (passphrase: string) => {
      try {
        openDatabase(path.join(dataDir, DATABASE_FILE), passphrase, nativeBinding).close();
        return true;
      } catch (error) {
        if (error instanceof DatabaseLocked) return false;
        throw error;
      }
    };
    const key = await databaseKey(
      dataDir,
      safeStorage,
      async (isNewSite) => givenPassphrase(process.argv, isNewSite) ?? askPassphraseInWindow(isNewSite, opens, ipcMain, isAppUrl),
    );
    await runtime.start(
      { dataDir, key, nativeBinding, desks: launch.desks ?? undefined, simulate: launch.simulate },
      async ({ core, windows: table, devices }) => {
        const ipc = createIpc(core, ipcMain, isAppUrl, {
          choosePath: async (window, suggested) => {
            const chosen = await dialog.showSaveDialog(window, { defaultPath: suggested, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
            return chosen.canceled || !chosen.filePath ? null : chosen.filePath;
          },
          write: (file, data) => fs.promises.writeFile(file, data),
        });
        // The desktop has no station port of its own: with --simulate it opens one on loopback for /sim only
        // (no window keys, so no calls can be made over it).
        const simulation = devices.simulation
          ? await startStation({ core, rendererDir: path.join(__dirname, '../renderer'), windows: [], simulation: devices.simulation })
          : null;
        if (simulation) console.log(`Simulated devices: ${simulation.simulationUrl}`);
        const windows = table.map((window) => {
          const browserWindow = openWindow(window);
          ipc.attach(browserWindow, identityOf(window));
          return browserWindow;
        });
        app.on('second-instance', () => windows.forEach(bringToFront));
        return { close: () => simulation?.close() };
      },
    );
  }).catch((error: unknown) => {
    if (error instanceof StopRequested) return;
    // Without this the app would sit in the background with no window (say, the data folder is unwritable).
    dialog.showErrorBox('SwabDesk could not start', error instanceof Error ? error.message : String(error));
    void runtime.stop().then(() => app.exit(1));
  });
}
