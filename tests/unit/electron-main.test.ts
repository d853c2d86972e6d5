// src-main/index.ts with electron mocked at the edge: what the app does at start, on a second launch and at quit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { IPC_CALL, IPC_EVENT, type CallResult } from '../../src-main/core/contract';
import { IPC_UNLOCK } from '../../src-main/unlockChannel';
import { createCore, DATABASE_FILE } from '../../src-main/core/core';
import { STATION_WINDOWS } from '../../src-main/core/stationWindows';
import { CONTENT_SECURITY_POLICY_HEADER } from '../../src-main/csp';

type Listener = (...args: unknown[]) => unknown;

function emitter() {
  const listeners: Record<string, Listener[]> = {};
  return {
    listeners,
    on(name: string, listener: Listener) {
      (listeners[name] ??= []).push(listener);
    },
    emit(name: string, ...args: unknown[]) {
      for (const listener of listeners[name] ?? []) listener(...args);
    },
  };
}

const electron = vi.hoisted(() => ({
  state: {} as {
    lock: boolean;
    userData: string;
    ready: Promise<void>;
    startReady: () => void;
    app: ReturnType<typeof emitter> & { quit: Mock<() => void>; exit: Mock<(code: number) => void> };
    session: Record<string, Listener>;
    spellcheck?: boolean;
    /** What safeStorage says it uses; basic_text makes the app ask for the site passphrase. */
    backend: string;
    /** As app.isPackaged: packaged, SQLite must load the binding built for Electron. */
    packaged: boolean;
    handle: Mock<Listener>;
    showErrorBox: Mock<Listener>;
    windows: FakeWindow[];
    nextId: number;
  },
}));

class FakeWindow {
  events = emitter();
  options: Record<string, unknown>;
  webContents: { id: number; mainFrame: { processId: number; routingId: number; url: string }; send: ReturnType<typeof vi.fn>; isDestroyed: () => boolean };
  focus = vi.fn();
  constructor(options: Record<string, unknown>) {
    this.options = options;
    const id = electron.state.nextId++;
    this.webContents = { id, mainFrame: { processId: id, routingId: 1, url: '' }, send: vi.fn(), isDestroyed: () => false };
    electron.state.windows.push(this);
  }
  on(name: string, listener: Listener) {
    this.events.on(name, listener);
  }
  loadFile(file: string) {
    this.webContents.mainFrame.url = pathToFileURL(file).href;
    return Promise.resolve();
  }
  loadURL(url: string) {
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  close() {
    this.events.emit('closed');
  }
  isDestroyed = () => false;
  isMinimized = () => false;
  restore = vi.fn();
  show = vi.fn();
}

vi.mock('electron', () => {
  const state = electron.state;
  return {
    app: {
      on: (name: string, listener: Listener) => state.app.on(name, listener),
      requestSingleInstanceLock: () => state.lock,
      whenReady: () => state.ready,
      getPath: (name: string) => (name === 'userData' ? state.userData : '/nowhere'),
      get isPackaged() {
        return state.packaged;
      },
      quit: () => state.app.quit(),
      exit: (code: number) => state.app.exit(code),
    },
    BrowserWindow: FakeWindow,
    dialog: { showErrorBox: (...args: unknown[]) => state.showErrorBox(...args) },
    ipcMain: { handle: (...args: unknown[]) => state.handle(...args), removeHandler: () => undefined },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => state.backend,
      encryptString: (text: string) => Buffer.from(text, 'utf8').reverse(),
      decryptString: (data: Buffer) => Buffer.from(data).reverse().toString('utf8'),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (h: Listener) => (state.session.request = h),
        setPermissionCheckHandler: (h: Listener) => (state.session.check = h),
        setDevicePermissionHandler: (h: Listener) => (state.session.device = h),
        setSpellCheckerEnabled: (on: boolean) => (state.spellcheck = on),
        webRequest: {
          onHeadersReceived: (h: Listener) => (state.session.headers = h),
          onBeforeRequest: (h: Listener) => (state.session.before = h),
        },
      },
    },
  };
});

let dataDir: string;
/** Opening a core takes longer on a busy machine: wait for the app's own step, generously. */
const WAIT = { timeout: 15_000 };

function resetElectron(options: { lock?: boolean; userData?: string; backend?: string; packaged?: boolean } = {}) {
  let startReady = () => {};
  const ready = new Promise<void>((resolve) => (startReady = resolve));
  Object.assign(electron.state, {
    lock: options.lock ?? true,
    userData: options.userData ?? dataDir,
    ready,
    startReady,
    app: Object.assign(emitter(), { quit: vi.fn(), exit: vi.fn() }),
    session: {},
    backend: options.backend ?? 'gnome_libsecret',
    packaged: options.packaged ?? false,
    handle: vi.fn(),
    showErrorBox: vi.fn(),
    windows: [],
    nextId: 1,
  });
}

/** Loads src-main/index.ts afresh and lets app.whenReady resolve. */
async function start(options: { lock?: boolean; userData?: string; backend?: string; packaged?: boolean } = {}) {
  resetElectron(options);
  vi.resetModules();
  await import('../../src-main/index');
  electron.state.startReady();
  await vi.waitFor(() => {
    if (electron.state.windows.length === 0 && electron.state.showErrorBox.mock.calls.length === 0 && options.lock !== false) {
      throw new Error('not started yet');
    }
  }, WAIT);
  return electron.state;
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'swabdesk-main-'));
});

/** Quits as Electron does: will-quit, which the app holds (preventDefault) until its stop is done, then app.exit. */
async function quit(state: typeof electron.state): Promise<{ preventDefault: Mock<() => void> }> {
  const event = { preventDefault: vi.fn() };
  state.app.emit('will-quit', event);
  await vi.waitFor(() => expect(state.app.exit).toHaveBeenCalled(), WAIT);
  return event;
}

afterEach(async () => {
  // Quitting closes the core and stops the backup timer, so the temporary folder can go.
  const state = electron.state;
  if (state.app?.listeners['will-quit'] && state.app.exit.mock.calls.length === 0) await quit(state);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the Electron main process', () => {
  it('hardens every web contents Electron creates, from the start', async () => {
    const state = await start();
    expect(state.app.listeners['web-contents-created']).toHaveLength(1);
    const listeners: Record<string, Listener> = {};
    let openHandler: Listener | undefined;
    state.app.emit('web-contents-created', {}, {
      on: (name: string, listener: Listener) => (listeners[name] = listener),
      setWindowOpenHandler: (handler: Listener) => (openHandler = handler),
    });
    const navigation = { preventDefault: vi.fn() };
    listeners['will-navigate'](navigation);
    expect(navigation.preventDefault).toHaveBeenCalled();
    expect(openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
  });

  it('hardens the default session: no permission, the CSP on every response', async () => {
    const state = await start();
    const callback = vi.fn();
    state.session.request({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(state.session.check({}, 'media')).toBe(false);
    const headers = vi.fn();
    state.session.headers({ responseHeaders: {} }, headers);
    expect(headers).toHaveBeenCalledWith({ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY_HEADER] } });
  });

  it('lets no request leave for another host, and fetches no spell-checking dictionary', async () => {
    const state = await start();
    const verdict = (url: string) => {
      const callback = vi.fn();
      state.session.before({ url }, callback);
      return callback.mock.calls[0][0];
    };
    expect(verdict('https://example.com/track.gif')).toEqual({ cancel: true });
    expect(verdict('http://127.0.0.1:8787/v1/facts')).toEqual({ cancel: true });
    expect(verdict('file:///etc/passwd')).toEqual({ cancel: true });
    expect(verdict(state.windows[0].webContents.mainFrame.url)).toEqual({ cancel: false });
    expect(verdict('data:image/png;base64,AAAA')).toEqual({ cancel: false });
    expect(state.spellcheck).toBe(false);
  });

  it("opens one locked-down window per entry of the role table, each loading its role's page", async () => {
    const state = await start();
    expect(state.windows).toHaveLength(STATION_WINDOWS.length);
    state.windows.forEach((window, i) => {
      expect(window.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
      expect(window.webContents.mainFrame.url).toMatch(new RegExp(`/renderer/${STATION_WINDOWS[i].entry}/index\\.html$`));
    });
  });

  it('encrypts its database with a random key that only the key store keeps', async () => {
    await start();
    const stored = fs.readFileSync(path.join(dataDir, 'database.key'));
    const key = Buffer.from(stored).reverse().toString('utf8');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const header = fs.readFileSync(path.join(dataDir, 'swabdesk.db')).subarray(0, 16).toString('latin1');
    expect(header).not.toBe('SQLite format 3\0');
  });

  it("asks for the site passphrase in a locked-down window where the key store would keep the key in plain text", async () => {
    createCore({ dataDir, key: 'the-site-passphrase' }).close();
    const state = await start({ backend: 'basic_text' });
    const [unlock] = state.windows;
    expect(unlock.webContents.mainFrame.url).toMatch(/\/renderer\/unlock\/index\.html$/);
    expect(unlock.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(String((unlock.options.webPreferences as { preload: string }).preload)).toMatch(/preload[\\/]unlock\.js$/);
    const submit = state.handle.mock.calls.find(([channel]) => channel === IPC_UNLOCK)![1] as (event: unknown, given: unknown) => unknown;
    const from = (window: FakeWindow) => ({ sender: window.webContents, senderFrame: window.webContents.mainFrame });
    expect(submit(from(unlock), 'not-the-passphrase')).toEqual({ ok: false, problem: 'wrong' });
    const stranger = { webContents: { id: 99, mainFrame: unlock.webContents.mainFrame } } as unknown as FakeWindow;
    expect(submit(from(stranger), 'the-site-passphrase')).toEqual({ ok: false, problem: 'forbidden' });
    expect(state.windows).toHaveLength(1);

    expect(submit(from(unlock), 'the-site-passphrase')).toEqual({ ok: true });
    await vi.waitFor(() => expect(state.windows).toHaveLength(1 + STATION_WINDOWS.length), WAIT);
    expect(fs.existsSync(path.join(dataDir, 'database.key'))).toBe(false);
  });

  it('loads SQLite from the binding built for Electron when packaged, and says so when it is missing', async () => {
    const resources = fs.mkdtempSync(path.join(os.tmpdir(), 'swabdesk-resources-'));
    Object.assign(process, { resourcesPath: resources });
    try {
      const state = await start({ packaged: true });
      expect(state.windows).toHaveLength(0);
      expect(state.showErrorBox).toHaveBeenCalledWith(
        'SwabDesk could not start',
        expect.stringContaining(path.join(resources, 'native', 'better_sqlite3.node')),
      );
    } finally {
      fs.rmSync(resources, { recursive: true, force: true });
    }
  });

  it('keeps its data where app.getPath("userData") says and answers each window with the role main gave it', async () => {
    const state = await start();
    expect(fs.readdirSync(dataDir).length).toBeGreaterThan(0);
    expect(state.handle).toHaveBeenCalledWith(IPC_CALL, expect.any(Function));
    const handler = state.handle.mock.calls[0][1] as (event: unknown, channel: unknown, input: unknown) => Promise<CallResult>;
    const call = (window: FakeWindow, channel: string, input: unknown = {}) =>
      handler({ sender: window.webContents, senderFrame: { ...window.webContents.mainFrame } }, channel, input);
    const [clerk, manager] = state.windows;
    expect(await call(clerk, 'session.whoami')).toEqual({ ok: true, value: { role: 'clerk', desk: '1' } });
    expect(await call(manager, 'session.whoami')).toEqual({ ok: true, value: { role: 'manager' } });
    expect(await call(clerk, 'site.updateSettings', { poolingRatio: 5 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await call(clerk, 'clerk.scan', { text: '2026112200001' })).toMatchObject({ ok: false, error: { code: 'signed-out' } });
    expect(await call(manager, 'session.firstManager', { name: '赵经理', pin: '9753' })).toMatchObject({ ok: true, value: { result: 'signed-in' } });
    const added = await call(manager, 'site.saveOperator', { name: '王芳', role: 'clerk', pin: '2468' });
    const operatorId = (added as { ok: true; value: { operator: { id: string } } }).value.operator.id;
    expect(await call(clerk, 'session.signIn', { operatorId, pin: '2468' })).toMatchObject({ ok: true, value: { result: 'signed-in' } });
    expect(await call(clerk, 'clerk.scan', { text: '2026112200001' })).toMatchObject({ ok: true });
    expect(manager.webContents.send).toHaveBeenCalledWith(IPC_EVENT, expect.objectContaining({ event: 'totals.changed' }));
  });

  it('brings its windows to the front when launched a second time, and quits when they are all closed', async () => {
    const state = await start();
    state.app.emit('second-instance');
    for (const window of state.windows) expect(window.focus).toHaveBeenCalled();
    expect(state.app.quit).not.toHaveBeenCalled();
    state.app.emit('window-all-closed');
    expect(state.app.quit).toHaveBeenCalled();
  });

  it('on quitting, holds the quit until the core is stopped and closed, then exits with 0', async () => {
    const state = await start();
    const wal = path.join(dataDir, `${DATABASE_FILE}-wal`);
    expect(fs.existsSync(wal)).toBe(true);
    const event = await quit(state);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(state.app.exit).toHaveBeenCalledWith(0);
    // SQLite removes the WAL when the last connection closes: the core closed its database before the exit.
    expect(fs.existsSync(wal)).toBe(false);
  });

  it('quits at once, opening nothing, when another instance holds the lock', async () => {
    const state = await start({ lock: false });
    expect(state.app.quit).toHaveBeenCalled();
    expect(state.windows).toHaveLength(0);
    expect(state.handle).not.toHaveBeenCalled();
  });

  it('says why and exits when the core cannot start, instead of running with no window', async () => {
    const file = path.join(dataDir, 'not-a-folder');
    fs.writeFileSync(file, '');
    const state = await start({ userData: file });
    expect(state.showErrorBox).toHaveBeenCalledWith('SwabDesk could not start', expect.any(String));
    await vi.waitFor(() => expect(state.app.exit).toHaveBeenCalledWith(1), WAIT);
    expect(state.windows).toHaveLength(0);
  });
});
