// src-main/index.ts with electron mocked at the edge: what the app does at start, on a second launch and at quit.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import type { FakeElectron, FakeElectronOptions, FakeWindow, Listener } from '../fixtures/electronFake';
import { IPC_CALL, IPC_EVENT, type CallResult } from '../../src-main/core/contract';
import { IPC_UNLOCK } from '../../src-main/unlockChannel';
import { createCore, DATABASE_FILE } from '../../src-main/core/core';
import { STATION_WINDOWS } from '../../src-main/core/stationWindows';
import { CONTENT_SECURITY_POLICY_HEADER } from '../../src-main/csp';

// Loaded in vi.hoisted so the mock and this file share one fake (tests/fixtures/electronFake.ts).
const { electron, electronModule, reset } = await vi.hoisted(() => import('../fixtures/electronFake'));
vi.mock('electron', () => electronModule());

let dataDir: string;
/** Opening a core takes longer on a busy machine: wait for the app's own step, generously. */
const WAIT = { timeout: 15_000 };

/** Loads src-main/index.ts afresh and lets app.whenReady resolve. */
async function start(options: FakeElectronOptions = {}) {
  reset({ ...options, userData: options.userData ?? dataDir });
  vi.resetModules();
  await import('../../src-main/index');
  electron.startReady();
  await vi.waitFor(() => {
    if (electron.windows.length === 0 && electron.showErrorBox.mock.calls.length === 0 && options.lock !== false) {
      throw new Error('not started yet');
    }
  }, WAIT);
  return electron;
}

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'swabdesk-main-'));
});

/** Quits as Electron does: will-quit, which the app holds (preventDefault) until its stop is done, then app.exit. */
async function quit(state: FakeElectron): Promise<{ preventDefault: Mock<() => void> }> {
  const event = { preventDefault: vi.fn() };
  state.app.emit('will-quit', event);
  await vi.waitFor(() => expect(state.app.exit).toHaveBeenCalled(), WAIT);
  return event;
}

afterEach(async () => {
  // Quitting closes the core and stops the backup timer, so the temporary folder can go.
  if (electron.app.listeners['will-quit'] && electron.app.exit.mock.calls.length === 0) await quit(electron);
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
      expect(window.webContents.mainFrame.url).toMatch(new RegExp(`/renderer/${STATION_WINDOWS[i].entry}/index\\.html\\?window=${STATION_WINDOWS[i].id}$`));
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
    expect(unlock.webContents.mainFrame.url).toMatch(/\/renderer\/unlock\/index\.html\?site=existing$/);
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
