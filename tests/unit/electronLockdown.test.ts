// The lock-down of every window SwabDesk opens, checked through src-main/index.ts with electron mocked at the edge.
// The app starts with the most desks a PC may serve, so the clerk windows of all desks, the manager's and the guide's
// are each checked: webPreferences and the built preload, the CSP, no navigation, no new windows, no permissions,
// and calls accepted only from the window's own top frame showing the app's page. docs/security.md maps each
// measure to the test here that checks it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import type { Plugin } from 'vite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import viteConfig from '../../electron.vite.config';
import { IPC_CALL, IPC_SAVE_PDF, type CallResult } from '../../src-main/core/contract';
import { identityOf, MAX_DESKS, stationWindows } from '../../src-main/core/stationWindows';
import { CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY_HEADER } from '../../src-main/csp';

const SRC_MAIN = path.resolve(__dirname, '../../src-main');
/** Where windows.ts (bundled into out/main) finds the pages: the folder beside its own. */
const RENDERER_DIR = path.join(SRC_MAIN, '../renderer');
const APP_PAGE = (entry: string) => pathToFileURL(path.join(RENDERER_DIR, entry, 'index.html')).href;

// Loaded in vi.hoisted so the mock and this file share one fake (tests/fixtures/electronFake.ts).
const { electron, electronModule, reset, FakeWebContents, lockedDownWebPreferences } = await vi.hoisted(() => import('../fixtures/electronFake'));
type FakeWebContents = InstanceType<typeof FakeWebContents>;
vi.mock('electron', () => electronModule());

const TABLE = stationWindows(MAX_DESKS);

beforeAll(async () => {
  reset({ userData: fs.mkdtempSync(path.join(os.tmpdir(), 'swabdesk-lockdown-')) });
  electron.startReady();
  const argv = process.argv;
  process.argv = [...argv, `--desks=${MAX_DESKS}`];
  try {
    await import('../../src-main/index');
    await vi.waitFor(() => {
      if (electron.windows.length === 0 && electron.showErrorBox.mock.calls.length === 0) {
        throw new Error('SwabDesk has not opened its windows yet');
      }
    }, { timeout: 15_000 });
  } finally {
    process.argv = argv;
  }
  const startError = electron.showErrorBox.mock.calls[0];
  if (startError) throw new Error(startError.join(': '));
});

afterAll(async () => {
  // Quitting as Electron does: the app holds will-quit until its stop is done, then calls app.exit.
  const exited = new Promise<void>((resolve) => electron.app.exit.mockImplementation(() => resolve()));
  electron.app.emit('will-quit', { preventDefault: () => {} });
  await exited;
  fs.rmSync(electron.userData, { recursive: true, force: true });
});

/** A call as Electron hands it to main: the sending web contents and the frame it came from. */
function call(contents: FakeWebContents, channel: string, input: unknown = {}, senderFrame: unknown = { ...contents.mainFrame }) {
  return electron.ipcHandlers[IPC_CALL]({ sender: contents, senderFrame }, channel, input) as Promise<CallResult>;
}

const windowOf = (id: string) => electron.windows[TABLE.findIndex((window) => window.id === id)];

describe('every window SwabDesk opens: the clerk desks, the manager and the guide', () => {
  it(`opens exactly the station's window table (${MAX_DESKS} desks), each on its own page of the built renderer`, () => {
    expect(TABLE.map((window) => window.id)).toEqual(['clerk-1', 'clerk-2', 'clerk-3', 'clerk-4', 'manager', 'guide']);
    expect(electron.windows.map((window) => window.webContents.mainFrame.url)).toEqual(
      TABLE.map((window) => `${APP_PAGE(window.entry)}?window=${window.id}`),
    );
  });

  it('gives each window exactly the locked-down webPreferences, and the preload beside the main bundle', () => {
    for (const [i, window] of electron.windows.entries()) {
      expect(window.options.webPreferences).toEqual(lockedDownWebPreferences(path.join(SRC_MAIN, '../preload/index.js'), TABLE[i].role));
    }
  });

  it('finds the preloads where the build writes them: out/preload/index.js (and unlock.js), beside out/main', () => {
    const main = viteConfig.main!.build!;
    const preload = viteConfig.preload!.build!;
    expect(path.resolve(main.outDir!, '../preload/index.js')).toBe(path.resolve(preload.outDir!, 'index.js'));
    expect(preload.rollupOptions!.input).toEqual({
      index: path.join(SRC_MAIN, 'preload.ts'),
      unlock: path.join(SRC_MAIN, 'unlockPreload.ts'),
    });
  });

  it('builds preloads that require nothing but electron (a sandboxed preload can load nothing else)', () => {
    const built = path.resolve(SRC_MAIN, '../out/preload');
    expect(fs.existsSync(built), 'run `npm run build` first').toBe(true);
    const files = fs.readdirSync(built, { recursive: true }).map(String).filter((file) => file.endsWith('.js'));
    expect(files.sort()).toEqual(['index.js', 'unlock.js']);
    for (const file of files) {
      const required = [...fs.readFileSync(path.join(built, file), 'utf8').matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
      expect(new Set(required), file).toEqual(new Set(['electron']));
    }
  });

  it('cannot be navigated anywhere, redirected, or given a webview', () => {
    const elsewhere = [
      APP_PAGE('manager'),
      'https://example.com/',
      'http://localhost:5173/manager/index.html',
      'file:///etc/passwd',
      'data:text/html,<script>alert(1)</script>',
      'javascript:alert(1)',
    ];
    for (const { webContents } of electron.windows) {
      for (const url of elsewhere) {
        const navigation = { preventDefault: vi.fn() };
        webContents.listeners['will-navigate'](navigation, url);
        expect(navigation.preventDefault, url).toHaveBeenCalled();
      }
      for (const name of ['will-redirect', 'will-attach-webview']) {
        const event = { preventDefault: vi.fn() };
        webContents.listeners[name](event, 'https://example.com/');
        expect(event.preventDefault, name).toHaveBeenCalled();
      }
    }
  });

  it('opens no new window, whatever the link or the click (a middle-click included)', () => {
    for (const { webContents } of electron.windows) {
      for (const disposition of ['default', 'foreground-tab', 'background-tab', 'new-window', 'other']) {
        for (const url of [APP_PAGE('manager'), 'https://example.com/']) {
          expect(webContents.openHandler!({ url, disposition })).toEqual({ action: 'deny' });
        }
      }
    }
  });
});

describe('the session every window uses', () => {
  // Every permission Electron 45 may ask about; the answer must not depend on which.
  const PERMISSIONS = [
    'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'fileSystem', 'fullscreen', 'geolocation', 'hid',
    'idle-detection', 'keyboardLock', 'local-fonts', 'media', 'mediaKeySystem', 'midi', 'midiSysex', 'notifications',
    'openExternal', 'pointerLock', 'serial', 'storage-access', 'usb', 'window-management', 'unknown',
  ];

  it('grants no permission, requested or checked, to any window, and no device', () => {
    for (const { webContents } of electron.windows) {
      for (const permission of PERMISSIONS) {
        const callback = vi.fn();
        (electron.session.request as (...args: unknown[]) => void)(webContents, permission, callback, {});
        expect(callback, permission).toHaveBeenCalledWith(false);
        expect((electron.session.check as (...args: unknown[]) => unknown)(webContents, permission, 'file:///', {}), permission).toBe(false);
      }
    }
    for (const deviceType of ['hid', 'serial', 'usb']) {
      expect((electron.session.device as (...args: unknown[]) => unknown)({ deviceType, origin: 'file:///' })).toBe(false);
    }
  });

  it("puts the CSP header, frame-ancestors included, on every response and keeps the response's other headers", () => {
    for (const url of [APP_PAGE('clerk'), 'http://localhost:5173/clerk/index.html', 'https://example.com/']) {
      const callback = vi.fn();
      (electron.session.headers as (...args: unknown[]) => void)({ url, responseHeaders: { 'Content-Type': ['text/html'] } }, callback);
      expect(callback).toHaveBeenCalledWith({
        responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY_HEADER] },
      });
    }
  });
});

describe('the Content-Security-Policy', () => {
  /** Directive name → its sources, as a browser reads the policy. */
  function directives(policy: string): Map<string, string[]> {
    const parsed = new Map<string, string[]>();
    for (const part of policy.split(';')) {
      const [name, ...sources] = part.trim().split(/\s+/);
      if (!name) continue;
      expect(parsed.has(name), `${name} given twice`).toBe(false);
      parsed.set(name.toLowerCase(), sources);
    }
    return parsed;
  }
  const header = directives(CONTENT_SECURITY_POLICY_HEADER);

  it('lets only the app run scripts: no eval, nothing inline, no per-element override', () => {
    expect(header.get('default-src')).toEqual(["'none'"]);
    expect(header.get('script-src')).toEqual(["'self'"]);
    expect(header.get('style-src')).toEqual(["'self'"]);
    for (const name of ['script-src-elem', 'script-src-attr', 'style-src-elem', 'style-src-attr']) expect(header.has(name), name).toBe(false);
  });

  it('names no other host, scheme or wildcard anywhere', () => {
    for (const [name, sources] of header) {
      for (const source of sources) expect(["'self'", "'none'", 'data:', 'blob:'], `${name} ${source}`).toContain(source);
    }
  });

  it('connects only to the app itself, embeds nothing, and fixes the base URL, form targets and framing', () => {
    expect(header.get('connect-src')).toEqual(["'self'"]);
    expect(header.get('object-src')).toEqual(["'none'"]);
    // No frame-src, child-src or worker-src: they fall back to default-src 'none', so a page has no sub-frames.
    for (const name of ['frame-src', 'child-src', 'worker-src']) expect(header.has(name), name).toBe(false);
    expect(header.get('base-uri')).toEqual(["'none'"]);
    expect(header.get('form-action')).toEqual(["'none'"]);
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('is the header minus frame-ancestors in the meta tag the build writes into every page (file:// has no headers)', () => {
    const plugins = (viteConfig.renderer!.plugins ?? []).flat() as Plugin[];
    const meta = plugins.find((plugin) => plugin?.name === 'swabdesk-csp-meta')!;
    expect((meta.transformIndexHtml as () => unknown)()).toEqual([
      expect.objectContaining({ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY } }),
    ]);
    // A meta tag cannot carry frame-ancestors (Chromium ignores it and logs an error).
    expect(directives(CONTENT_SECURITY_POLICY).has('frame-ancestors')).toBe(false);
    expect(CONTENT_SECURITY_POLICY_HEADER.startsWith(`${CONTENT_SECURITY_POLICY}; `)).toBe(true);
  });

  it("passes the CSP evaluator Electronegativity uses, which cannot see the policy in windows.ts's header", () => {
    // Google's CSP Evaluator as packaged for Electronegativity (see CSP_GLOBAL_CHECK in docs/security.md).
    const { CspParser, CspEvaluator, Version } = createRequire(import.meta.url)('@doyensec/csp-evaluator');
    const findings = new CspEvaluator(new CspParser(CONTENT_SECURITY_POLICY_HEADER).csp, Version.CSP3).evaluate();
    // Its one remark: 'self' is risky where the origin serves JSONP, Angular or uploads; the renderer folder has none.
    expect(findings.map(({ directive, value }: { directive: string; value: string }) => `${directive} ${value}`)).toEqual([
      "script-src 'self'",
    ]);
  });
});

describe('IPC from the windows', () => {
  const manager = () => windowOf('manager').webContents;
  const clerk = () => windowOf('clerk-1').webContents;
  const poolingRatio = async () => ((await call(manager(), 'site.settings')) as { value: { poolingRatio: number } }).value.poolingRatio;

  beforeAll(async () => {
    expect(await call(manager(), 'session.firstManager', { name: '赵经理', pin: '9753' })).toMatchObject({ ok: true });
  });

  it('answers each window with the identity main gave it, whatever the page claims to be', async () => {
    for (const [i, window] of electron.windows.entries()) {
      expect(await call(window.webContents, 'session.whoami')).toEqual({ ok: true, value: identityOf(TABLE[i]) });
    }
    const before = await poolingRatio();
    expect(await call(clerk(), 'session.whoami', { role: 'manager' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await call(clerk(), 'site.updateSettings', { poolingRatio: 5, role: 'manager' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await call(windowOf('guide').webContents, 'site.updateSettings', { poolingRatio: 5 })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await poolingRatio()).toBe(before);
  });

  it("refuses a call that is not from the window's own top frame showing the app's page, and changes nothing", async () => {
    const top = manager().mainFrame;
    const stray = new FakeWebContents();
    stray.mainFrame.url = APP_PAGE('manager');
    const refused: [string, FakeWebContents, unknown][] = [
      ['a sub-frame showing an app page', manager(), { ...top, routingId: 2 }],
      ['a frame of another process with the same routing id', manager(), { ...top, processId: top.processId + 1 }],
      ['the top frame showing a web page', manager(), { ...top, url: 'https://example.com/' }],
      ['the top frame showing a local file', manager(), { ...top, url: 'file:///tmp/evil.html' }],
      ['the top frame showing a folder beside the renderer', manager(), { ...top, url: pathToFileURL(`${RENDERER_DIR}-evil/manager/index.html`).href }],
      ['the top frame showing a data: page', manager(), { ...top, url: 'data:text/html,<b>x</b>' }],
      ['no frame at all (it went away)', manager(), null],
      ['web contents main never opened as a window', stray, { ...stray.mainFrame }],
    ];
    const before = await poolingRatio();
    for (const [what, sender, frame] of refused) {
      expect(await call(sender, 'site.updateSettings', { poolingRatio: before + 1 }, frame), what).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(await poolingRatio()).toBe(before);
    // The same call from the manager's own page goes through: the refusals above were the sender check's.
    expect(await call(manager(), 'site.updateSettings', { poolingRatio: before + 1 })).toMatchObject({ ok: true });
    expect(await poolingRatio()).toBe(before + 1);
  });

  it("saves no PDF for a call that is not from the window's own page: no dialog, no print", async () => {
    const savePdf = electron.ipcHandlers[IPC_SAVE_PDF];
    const top = manager().mainFrame;
    const stray = new FakeWebContents();
    stray.mainFrame.url = APP_PAGE('manager');
    for (const event of [
      { sender: manager(), senderFrame: { ...top, routingId: 2 } },
      { sender: manager(), senderFrame: { ...top, url: 'https://example.com/' } },
      { sender: stray, senderFrame: { ...stray.mainFrame } },
    ]) {
      expect(await savePdf(event, 'manifest')).toBe(false);
    }
    expect(electron.showSaveDialog).not.toHaveBeenCalled();
    expect(manager().printToPDF).not.toHaveBeenCalled();
    expect(stray.printToPDF).not.toHaveBeenCalled();
  });
});
