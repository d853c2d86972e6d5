// The Electron shell with electron mocked at the edge: window lock-down, session hardening, IPC role checks, preload.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_CALL, IPC_SAVE_PDF, IPC_EVENT, WINDOW_PARAM, WINDOW_ROLE_ARGUMENT, type CallResult } from '../../src-main/core/contract';
import { createCore, type Core } from '../../src-main/core/core';
import { signIn } from '../fixtures/driver';
import { STATION_WINDOWS, stationWindows } from '../../src-main/core/stationWindows';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from '../../src-main/csp';

// Loaded in vi.hoisted so the mock and this file share one fake (tests/fixtures/electronFake.ts).
const { electron, electronModule, lockedDownWebPreferences } = await vi.hoisted(() => import('../fixtures/electronFake'));
vi.mock('electron', () => electronModule());

const { bringToFront, hardenSession, hardenWebContents, isAppUrl, openWindow, windowOptions } = await import(
  '../../src-main/windows'
);
const { createIpc } = await import('../../src-main/ipc');

describe('windows', () => {
  it('gives every window of the role table exactly the locked-down webPreferences and the preload', () => {
    expect(STATION_WINDOWS.map((w) => w.role).sort()).toEqual(['clerk', 'guide', 'manager']);
    for (const window of STATION_WINDOWS) {
      expect(windowOptions(window).webPreferences).toEqual(lockedDownWebPreferences(path.resolve(__dirname, '../../preload/index.js'), window.role));
    }
  });

  it('titles each window as its page does, the desk by its number, until the page sets its own', () => {
    expect(stationWindows(2).map((window) => windowOptions(window).title)).toEqual([
      '登记台 1 · 采样台 SwabDesk',
      '登记台 2 · 采样台 SwabDesk',
      '点位负责人 · 采样台 SwabDesk',
      '预登记 · 采样台 SwabDesk',
    ]);
  });

  it("opens each role's own entry from the built renderer, the page told which window it is", () => {
    electron.windows.length = 0;
    const windows = stationWindows(2);
    for (const window of windows) openWindow(window);
    const loaded = electron.windows.map((w) => w.loadFile.mock.calls[0][0] as string);
    expect(loaded.map((file) => path.basename(path.dirname(file)))).toEqual(windows.map((w) => w.entry));
    for (const file of loaded) expect(isAppUrl(pathToFileURL(file).href)).toBe(true);
    // Two clerk windows load one page: only the query tells desk 1's from desk 2's (its language is its own).
    expect(electron.windows.map((w) => w.loadFile.mock.calls[0][1])).toEqual(windows.map((w) => ({ query: { [WINDOW_PARAM]: w.id } })));
    expect(windows.map((w) => w.id)).toEqual(['clerk-1', 'clerk-2', 'manager', 'guide']);
  });

  it('takes only pages of the built renderer for app pages', () => {
    expect(isAppUrl('https://example.com/clerk/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl(pathToFileURL(path.resolve(__dirname, '../../renderer-evil/x.html')).href)).toBe(false);
    expect(isAppUrl('data:text/html,<script>1</script>')).toBe(false);
    expect(isAppUrl('http://localhost:5173/clerk/index.html')).toBe(false);
  });

  it("loads each role's entry from electron-vite's dev server when it runs, and takes only that origin", () => {
    vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173');
    try {
      const window = openWindow(STATION_WINDOWS[0]) as unknown as { loadURL: ReturnType<typeof vi.fn>; loadFile: ReturnType<typeof vi.fn> };
      expect(window.loadURL).toHaveBeenCalledWith(`http://localhost:5173/${STATION_WINDOWS[0].entry}/index.html?window=clerk-1`);
      expect(window.loadFile).not.toHaveBeenCalled();
      expect(isAppUrl('http://localhost:5173/clerk/index.html')).toBe(true);
      expect(isAppUrl('http://localhost:5174/clerk/index.html')).toBe(false);
      expect(isAppUrl('http://localhost:5173.evil.example/clerk/index.html')).toBe(false);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('brings the windows of the running app to the front on a second launch', () => {
    const window = { isDestroyed: () => false, isMinimized: () => true, restore: vi.fn(), show: vi.fn(), focus: vi.fn() };
    bringToFront(window as never);
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    const closed = { isDestroyed: () => true, isMinimized: vi.fn(), focus: vi.fn() };
    bringToFront(closed as never);
    expect(closed.focus).not.toHaveBeenCalled();
  });
});

describe('session and web contents', () => {
  /** The handlers hardenSession sets on the fake's default session. */
  function fakeSession() {
    electron.session = {};
    hardenSession(electronModule().session.defaultSession as never);
    return electron.session;
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
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY_HEADER] },
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
  let handle: (event: unknown, channel: unknown, input?: unknown) => CallResult | Promise<CallResult>;
  const appUrl = 'file:///app/out/renderer/clerk/index.html';

  // A frame as main sees it: Electron may give a different object for the same frame, with the same ids.
  const frame = (routingId: number, url = appUrl) => ({ processId: 7, routingId, url });

  function fakeWindow(id: number) {
    const mainFrame = frame(id);
    const closed: (() => void)[] = [];
    let destroyed = false;
    return {
      webContents: {
        id,
        mainFrame,
        send: vi.fn(),
        isDestroyed: () => destroyed,
        printToPDF: vi.fn(async () => Buffer.from(`%PDF page of window ${id}`)),
      },
      on: (name: string, listener: () => void) => name === 'closed' && closed.push(listener),
      close: () => closed.forEach((listener) => listener()),
      destroyContents: () => (destroyed = true),
    };
  }
  const from = (window: ReturnType<typeof fakeWindow>, frame: unknown = window.webContents.mainFrame) => ({
    sender: window.webContents,
    senderFrame: frame,
  });

  let clerk: ReturnType<typeof fakeWindow>;
  let manager: ReturnType<typeof fakeWindow>;
  let savePdf: (event: unknown, fileName: unknown) => Promise<boolean>;
  /** What the save dialog answers (null: cancelled), what it was offered, and what was written where. */
  let chosenPath: string | null;
  const offered: string[] = [];
  const written = new Map<string, string>();

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'swabdesk-ipc-'));
    core = createCore({ dataDir });
    const ipcMain = { handle: vi.fn() };
    chosenPath = '/home/manager/manifest.pdf';
    offered.length = 0;
    written.clear();
    const ipc = createIpc(core, ipcMain as never, (url) => url.startsWith('file:///app/'), {
      choosePath: async (_window, suggested) => {
        offered.push(suggested);
        return chosenPath;
      },
      write: async (file, data) => void written.set(file, data.toString()),
    });
    expect(ipcMain.handle).toHaveBeenCalledWith(IPC_CALL, expect.any(Function));
    expect(ipcMain.handle).toHaveBeenCalledWith(IPC_SAVE_PDF, expect.any(Function));
    handle = ipcMain.handle.mock.calls[0][1];
    savePdf = ipcMain.handle.mock.calls[1][1];
    clerk = fakeWindow(1);
    manager = fakeWindow(2);
    ipc.attach(clerk as never, { role: 'clerk', desk: '1' });
    ipc.attach(manager as never, { role: 'manager' });
    signIn(core, [{ role: 'clerk', desk: '1' }]);
    // What signing in pushed is not what these tests look at.
    clerk.webContents.send.mockClear();
    manager.webContents.send.mockClear();
  });

  afterEach(() => {
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const poolingRatio = () => (core.call({ role: 'manager' }, 'site.settings', {}) as { value: { poolingRatio: number } }).value.poolingRatio;

  it("refuses a channel the sending window's role may not call, and changes nothing", async () => {
    const result = await handle(from(clerk), 'site.updateSettings', { poolingRatio: 5 });
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('clerk') } });
    expect(poolingRatio()).toBe(10);
    expect(await handle(from(manager), 'site.updateSettings', { poolingRatio: 5 })).toMatchObject({ ok: true });
    expect(poolingRatio()).toBe(5);
  });

  it('refuses unknown senders, sub-frames and pages that are not the app', async () => {
    const forbidden = { ok: false, error: { code: 'forbidden', message: expect.any(String) } };
    const stranger = fakeWindow(99);
    expect(await handle(from(stranger), 'session.whoami', {})).toEqual(forbidden);
    // A sub-frame of the clerk window, even one showing an app page.
    expect(await handle(from(clerk, frame(42)), 'session.whoami', {})).toEqual(forbidden);
    expect(await handle(from(clerk, { ...frame(1), processId: 8 }), 'session.whoami', {})).toEqual(forbidden);
    expect(await handle(from(clerk, null), 'session.whoami', {})).toEqual(forbidden);
    const disposed = { get url(): string { throw new Error('Render frame was disposed'); }, processId: 7, routingId: 1 };
    expect(await handle(from(clerk, disposed), 'session.whoami', {})).toEqual(forbidden);
    clerk.webContents.mainFrame.url = 'https://example.com/';
    expect(await handle(from(clerk), 'session.whoami', {})).toEqual(forbidden);
  });

  it('accepts the main frame even as a different object than webContents.mainFrame', async () => {
    expect(await handle(from(clerk, frame(1)), 'session.whoami', {})).toEqual({ ok: true, value: { role: 'clerk', desk: '1' } });
  });

  it("does not fail another window's call when a window's page is already torn down", async () => {
    manager.destroyContents();
    expect(await handle(from(clerk), 'clerk.scan', { text: '2026112200001' })).toMatchObject({ ok: true });
    expect(manager.webContents.send).not.toHaveBeenCalled();
    expect(clerk.webContents.send).toHaveBeenCalled();
  });

  it('answers with the identity main recorded for the window, whatever the page sends', async () => {
    expect(await handle(from(clerk), 'session.whoami', { role: 'manager' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(await handle(from(clerk), 'session.whoami', {})).toEqual({ ok: true, value: { role: 'clerk', desk: '1' } });
  });

  it("saves the window's own page as PDF where the person chooses, and only for an app window", async () => {
    expect(await savePdf(from(manager), '交接单-20261123-001')).toBe(true);
    expect(offered).toEqual(['交接单-20261123-001.pdf']);
    expect(written.get('/home/manager/manifest.pdf')).toBe('%PDF page of window 2');
    expect(manager.webContents.printToPDF).toHaveBeenCalledWith({ printBackground: true, preferCSSPageSize: true });
    // A name with a path or characters a file system refuses is cut down to a plain file name.
    expect(await savePdf(from(manager), '../../etc/pass<wd>.pdf')).toBe(true);
    expect(offered.at(-1)).toBe('passwd.pdf');
    chosenPath = null;
    expect(await savePdf(from(manager), 'x')).toBe(false);
    expect(await savePdf(from(fakeWindow(99)), 'x')).toBe(false);
    expect(await savePdf(from(manager, frame(42)), 'x')).toBe(false);
    expect(written.size).toBe(1);
  });

  it('pushes events to the windows that may see them, until a window closes', async () => {
    await handle(from(clerk), 'clerk.scan', { text: '2026112200001' });
    expect(clerk.webContents.send).toHaveBeenCalledWith(IPC_EVENT, expect.objectContaining({ event: 'desk.changed' }));
    expect(manager.webContents.send).toHaveBeenCalledWith(IPC_EVENT, expect.objectContaining({ event: 'totals.changed' }));
    expect(manager.webContents.send).not.toHaveBeenCalledWith(IPC_EVENT, expect.objectContaining({ event: 'desk.changed' }));
    manager.close();
    manager.webContents.send.mockClear();
    await handle(from(clerk), 'clerk.sealNow', {});
    await handle(from(clerk), 'clerk.scan', { text: '2026112200002' });
    expect(manager.webContents.send).not.toHaveBeenCalled();
    expect(await handle(from(manager), 'site.totals', {})).toMatchObject({ error: { code: 'forbidden' } });
  });
});

describe('preload', () => {
  /** Loads the preload afresh as a window of that role: main passes the role in additionalArguments (process.argv). */
  async function loadPreload(role?: string) {
    vi.resetModules();
    const argv = process.argv;
    process.argv = role === undefined ? [...argv] : [...argv, `${WINDOW_ROLE_ARGUMENT}${role}`];
    try {
      await import('../../src-main/preload');
    } finally {
      process.argv = argv;
    }
  }

  beforeEach(() => loadPreload('clerk'));

  const bridge = () =>
    electron.exposed.swabdesk as {
      call: (channel: string, input: unknown) => Promise<CallResult>;
      on: (listener: (event: unknown) => void) => () => void;
      savePdf: (fileName: string) => Promise<boolean>;
    };

  it('exposes only call, on and savePdf', async () => {
    expect(Object.keys(electron.exposed)).toEqual(['swabdesk']);
    expect(Object.keys(bridge()).sort()).toEqual(['call', 'on', 'savePdf']);
    electron.ipcRenderer.invoke.mockResolvedValueOnce(true);
    expect(await bridge().savePdf('交接单-1')).toBe(true);
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_SAVE_PDF, '交接单-1');
  });

  it('refuses a channel outside the contract without sending IPC', async () => {
    electron.ipcRenderer.invoke.mockClear();
    expect(await bridge().call('shell.openExternal', {})).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: 'x' });
    expect(await bridge().call('clerk.scan', { text: 'a' })).toEqual({ ok: true, value: 'x' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_CALL, 'clerk.scan', { text: 'a' });
  });

  it("refuses a channel of another role without sending IPC: a clerk window has no manager's channel", async () => {
    electron.ipcRenderer.invoke.mockClear();
    expect(await bridge().call('site.voidTube', { barcode: '2026112200001', reason: '错贴' })).toEqual({
      ok: false,
      error: { code: 'unknown-channel', message: 'This window has no channel named "site.voidTube".' },
    });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it("allows a manager window the manager's channels and refuses it a clerk's", async () => {
    await loadPreload('manager');
    electron.ipcRenderer.invoke.mockClear();
    electron.ipcRenderer.invoke.mockResolvedValueOnce({ ok: true, value: 'voided' });
    const input = { barcode: '2026112200001', reason: '错贴' };
    expect(await bridge().call('site.voidTube', input)).toEqual({ ok: true, value: 'voided' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith(IPC_CALL, 'site.voidTube', input);
    expect(await bridge().call('clerk.scan', { text: 'a' })).toMatchObject({ ok: false, error: { code: 'unknown-channel' } });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledTimes(1);
  });

  it('lets a window main gave no role call nothing, not even a channel every role has', async () => {
    await loadPreload();
    electron.ipcRenderer.invoke.mockClear();
    expect(await bridge().call('session.state', {})).toEqual({
      ok: false,
      error: { code: 'unknown-channel', message: 'This window has no channel named "session.state".' },
    });
    expect(electron.ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it("gives listeners the event alone, never Electron's event object", () => {
    const listener = vi.fn();
    const unsubscribe = bridge().on(listener);
    const [channel, forward] = electron.ipcRenderer.on.mock.calls.at(-1)!;
    expect(channel).toBe(IPC_EVENT);
    forward({ sender: 'ipcRenderer' }, { event: 'totals.changed', payload: {} });
    expect(listener).toHaveBeenCalledWith({ event: 'totals.changed', payload: {} });
    // The unsubscribe function hands nothing back: ipcRenderer itself must never reach the page.
    expect(unsubscribe()).toBeUndefined();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith(IPC_EVENT, forward);
  });

  it('imports nothing at run time but electron and the bundled channel names', () => {
    expect(runtimeImports('src-main/preload.ts').sort()).toEqual(['./core/contract/names', 'electron', 'virtual:swabdesk-role-channels']);
    const names = fs.readFileSync(path.resolve(__dirname, '../../src-main/core/contract/names.ts'), 'utf8');
    expect(runtimeImports('src-main/core/contract/names.ts')).toEqual([]);
    expect(names).not.toMatch(/^\s*(import|export .* from)\b/m);
  });

  it('the import check sees every way of loading a module at run time', () => {
    const found = runtimeImportsOf(
      [
        "import a from 'a';",
        "import 'b';",
        "import { type T, c } from 'c';",
        "export { d } from 'd';",
        "export * from 'e';",
        "const f = require('f');",
        "void import('g');",
        "import type { H } from 'h';",
        "import { type I } from 'i';",
        "export type { J } from 'j';",
      ].join('\n'),
    );
    expect(found.sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
  });
});

/** The modules a source file loads at run time: type-only imports and exports are erased by the build. */
function runtimeImports(file: string): string[] {
  return runtimeImportsOf(fs.readFileSync(path.resolve(__dirname, '../..', file), 'utf8'));
}

function runtimeImportsOf(source: string): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const bindings = clause?.namedBindings;
      const typeOnly =
        !!clause &&
        (clause.isTypeOnly ||
          (!clause.name && !!bindings && ts.isNamedImports(bindings) && bindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) found.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!node.isTypeOnly) found.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword ||
        (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    ) {
      const [specifier] = node.arguments;
      found.push(specifier && ts.isStringLiteral(specifier) ? specifier.text : '<computed>');
    }
    ts.forEachChild(node, visit);
  };
  visit(ts.createSourceFile('preload.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS));
  return found;
}
