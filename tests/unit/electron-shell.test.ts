// The Electron shell with electron mocked at the edge: window lock-down, session hardening, IPC role checks, preload.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL, IPC_EVENT, type CallResult } from '../../src-main/core/contract';
import { createCore, type Core } from '../../src-main/core/core';
import { STATION_WINDOWS } from '../../src-main/core/stationWindows';
import { CONTENT_SECURITY_POLICY } from '../../src-main/csp';

const electron = vi.hoisted(() => {
  const windows: { options: Record<string, unknown>; loadFile: ReturnType<typeof vi.fn> }[] = [];
  const exposed: Record<string, unknown> = {};
  return {
    windows,
    exposed,
    ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
  };
});

vi.mock('electron', () => ({
  BrowserWindow: class {
    options: Record<string, unknown>;
    loadFile = vi.fn();
    loadURL = vi.fn();
    constructor(options: Record<string, unknown>) {
      this.options = options;
      electron.windows.push(this);
    }
  },
  contextBridge: {
    exposeInMainWorld: (name: string, api: unknown) => {
      electron.exposed[name] = api;
    },
  },
  ipcRenderer: electron.ipcRenderer,
}));

const { SECURE_WEB_PREFERENCES, hardenSession, hardenWebContents, isAppUrl, openWindow, windowOptions } = await import(
  '../../src-main/windows'
);
const { createIpc } = await import('../../src-main/ipc');

describe('windows', () => {
  it('gives every window of the role table the locked-down webPreferences and the preload', () => {
    for (const window of STATION_WINDOWS) {
      const preferences = windowOptions(window).webPreferences!;
      expect(preferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      });
      expect(preferences.preload).toMatch(/preload[/\\]index\.js$/);
      expect(Object.keys(preferences).sort()).toEqual([...Object.keys(SECURE_WEB_PREFERENCES), 'preload'].sort());
    }
  });

  it("opens each role's own entry from the built renderer", () => {
    for (const window of STATION_WINDOWS) openWindow(window);
    const loaded = electron.windows.map((w) => w.loadFile.mock.calls[0][0] as string);
    expect(loaded.map((file) => path.basename(path.dirname(file)))).toEqual(STATION_WINDOWS.map((w) => w.entry));
    for (const file of loaded) expect(isAppUrl(pathToFileURL(file).href)).toBe(true);
  });

  it('takes only pages of the built renderer for app pages', () => {
    expect(isAppUrl('https://example.com/clerk/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('data:text/html,<script>1</script>')).toBe(false);
  });
});

describe('session and web contents', () => {
  function fakeSession() {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: never) => (handlers.request = h),
      setPermissionCheckHandler: (h: never) => (handlers.check = h),
      setDevicePermissionHandler: (h: never) => (handlers.device = h),
      webRequest: { onHeadersReceived: (h: never) => (handlers.headers = h) },
    };
    hardenSession(session as never);
    return handlers as Record<string, (...args: unknown[]) => unknown>;
  }

  it('denies every permission request and check', () => {
    const handlers = fakeSession();
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read', 'hid', 'serial', 'usb']) {
      const callback = vi.fn();
      handlers.request({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
      expect(handlers.check({}, permission)).toBe(false);
    }
    expect(handlers.device({ deviceType: 'hid' })).toBe(false);
  });

  it('adds the CSP to every response and keeps the other headers', () => {
    const handlers = fakeSession();
    const callback = vi.fn();
    handlers.headers({ responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });

  it('the CSP allows scripts and styles only from the app, nothing inline, no eval', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('prevents navigation, redirects and webviews, and denies new windows', () => {
    const listeners: Record<string, (event: { preventDefault: () => void }) => void> = {};
    let openHandler: (() => unknown) | undefined;
    hardenWebContents({
      on: (name: string, listener: (event: { preventDefault: () => void }) => void) => (listeners[name] = listener),
      setWindowOpenHandler: (handler: () => unknown) => (openHandler = handler),
    } as never);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      listeners[name](event);
      expect(event.preventDefault).toHaveBeenCalled();
    }
    expect(openHandler!()).toEqual({ action: 'deny' });
  });
});

describe('IPC', () => {
  let dataDir: string;
  let core: Core;
  let handle: (event: unknown, channel: unknown, input?: unknown) => CallResult;
  const appUrl = 'file:///app/out/renderer/clerk/index.html';

  function fakeWindow(id: number) {
    const mainFrame = { url: appUrl };
    const closed: (() => void)[] = [];
    return {
      webContents: { id, mainFrame, send: vi.fn() },
      on: (name: string, listener: () => void) => name === 'closed' && closed.push(listener),
      close: () => closed.forEach((listener) => listener()),
    };
  }
  const from = (window: ReturnType<typeof fakeWindow>, frame: unknown = window.webContents.mainFrame) => ({
    sender: window.webContents,
    senderFrame: frame,
  });

  let clerk: ReturnType<typeof fakeWindow>;
  let manager: ReturnType<typeof fakeWindow>;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'swabdesk-ipc-'));
    core = createCore({ dataDir });
    const ipcMain = { handle: vi.fn() };
    const ipc = createIpc(core, ipcMain as never, (url) => url.startsWith('file:///app/'));
    expect(ipcMain.handle).toHaveBeenCalledWith(IPC_CALL, expect.any(Function));
    handle = ipcMain.handle.mock.calls[0][1];
    clerk = fakeWindow(1);
    manager = fakeWindow(2);
    ipc.attach(clerk as never, { role: 'clerk', desk: '1' });
    ipc.attach(manager as never, { role: 'manager' });
  });

  afterEach(() => {
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const poolingRatio = () => (core.call({ role: 'manager' }, 'site.settings', {}) as { value: { poolingRatio: number } }).value.poolingRatio;

  it("refuses a channel the sending window's role may not call, and changes nothing", () => {
    const result = handle(from(clerk), 'site.updateSettings', { poolingRatio: 5 });
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('clerk') } });
    expect(poolingRatio()).toBe(10);
    expect(handle(from(manager), 'site.updateSettings', { poolingRatio: 5 })).toMatchObject({ ok: true });
    expect(poolingRatio()).toBe(5);
  });

  it('refuses unknown senders, sub-frames and pages that are not the app', () => {
    const stranger = fakeWindow(99);
    expect(handle(from(stranger), 'session.whoami', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(handle(from(clerk, { url: appUrl }), 'session.whoami', {})).toMatchObject({ error: { code: 'forbidden' } });
    clerk.webContents.mainFrame.url = 'https://example.com/';
    expect(handle(from(clerk), 'session.whoami', {})).toMatchObject({ error: { code: 'forbidden' } });
  });

  it('answers with the identity main recorded for the window, whatever the page sends', () => {
    expect(handle(from(clerk), 'session.whoami', { role: 'manager' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(handle(from(clerk), 'session.whoami', {})).toEqual({ ok: true, value: { role: 'clerk', desk: '1' } });
  });

  it('pushes events to the windows that may see them, until a window closes', () => {
    handle(from(clerk), 'clerk.scan', { text: '2026112200001' });
    expect(clerk.webContents.send).toHaveBeenCalledWith(IPC_EVENT, expect.objectContaining({ event: 'desk.changed' }));
    expect(manager.webContents.send).toHaveBeenCalledWith(IPC_EVENT, expect.objectContaining({ event: 'totals.changed' }));
    expect(manager.webContents.send).not.toHaveBeenCalledWith(IPC_EVENT, expect.objectContaining({ event: 'desk.changed' }));
    manager.close();
    manager.webContents.send.mockClear();
    handle(from(clerk), 'clerk.sealNow', {});
    handle(from(clerk), 'clerk.scan', { text: '2026112200002' });
    expect(manager.webContents.send).not.toHaveBeenCalled();
    expect(handle(from(manager), 'site.totals', {})).toMatchObject({ error: { code: 'forbidden' } });
  });
});

describe('preload', () => {
  beforeEach(async () => {
    vi.resetModules();
    await import('../../src-main/preload');
  });

  const bridge = () =>
    electron.exposed.swabdesk as {
      call: (channel: string, input: unknown) => Promise<CallResult>;
      on: (listener: (event: unknown) => void) => () => void;
    };

  it('exposes only call and on', () => {
    expect(Object.keys(electron.exposed)).toEqual(['swabdesk']);
    expect(Object.keys(bridge()).sort()).toEqual(['call', 'on']);
  });

  it('refuses a channel outside the contract without sending IPC', async () => {
    electron.ipcRenderer.invoke.mockClear();
    expect(await bridge().call('shell.openExternal', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: 'x' });
    expect(await bridge().call('clerk.scan', { text: 'a' })).toEqual({ ok: true, value: 'x' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_CALL, 'clerk.scan', { text: 'a' });
  });

  it("gives listeners the event alone, never Electron's event object", () => {
    const listener = vi.fn();
    const unsubscribe = bridge().on(listener);
    const [channel, forward] = electron.ipcRenderer.on.mock.calls.at(-1)!;
    expect(channel).toBe(IPC_EVENT);
    forward({ sender: 'ipcRenderer' }, { event: 'totals.changed', payload: {} });
    expect(listener).toHaveBeenCalledWith({ event: 'totals.changed', payload: {} });
    unsubscribe();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(IPC_EVENT, forward);
  });

  it('imports nothing at run time but electron and the bundled channel names', () => {
    const source = fs.readFileSync(path.resolve(__dirname, '../../src-main/preload.ts'), 'utf8');
    const runtime = [...source.matchAll(/^import (?!type )[^;]*? from '([^']+)'/gm)].map((m) => m[1]);
    expect(runtime.sort()).toEqual(['./core/contract/names', 'electron']);
    const names = fs.readFileSync(path.resolve(__dirname, '../../src-main/core/contract/names.ts'), 'utf8');
    expect(names).not.toMatch(/^import /m);
  });
});
