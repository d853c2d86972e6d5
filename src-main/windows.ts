// One locked-down BrowserWindow per entry of the station's window table.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, type BrowserWindowConstructorOptions, type Session, type WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY_HEADER } from './csp';
import { WINDOW_PARAM, WINDOW_ROLE_ARGUMENT } from './core/contract/names';
import type { StationWindow } from './core/stationWindows';
import zh from '../src-renderer/shared/locales/zh.json';

const RENDERER_DIR = path.join(__dirname, '../renderer');
const PRELOAD = path.join(__dirname, '../preload/index.js');

/** Everything a page could use to reach Node or weaken the sandbox is off. */
export const SECURE_WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: false,
  // A desk's outcome sound must play for a device reading too, which comes without a key press in the page.
  autoplayPolicy: 'no-user-gesture-required',
} as const;

/**
 * The window's title until its page sets its own, in the page's words (useWindowTitle): "登记台 1 · 采样台 SwabDesk".
 * Electron then shows the page's title, in the language the window was left in.
 */
function windowTitle(window: StationWindow): string {
  const where = window.role === 'clerk' ? zh.clerk.title.replace('{{desk}}', window.desk ?? '') : zh.windows[window.role];
  return zh.app.windowTitle.replace('{{where}}', where);
}

export function windowOptions(window: StationWindow): BrowserWindowConstructorOptions {
  return {
    width: 1366,
    height: 768,
    title: windowTitle(window),
    backgroundColor: '#f3f5f7',
    // The preload allows the channels of this role alone (see preload.ts).
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: PRELOAD, additionalArguments: [`${WINDOW_ROLE_ARGUMENT}${window.role}`] },
  };
}

/** Pages load from the built renderer folder, or from electron-vite's dev server when it runs. */
export function isAppUrl(url: string): boolean {
  const devServer = process.env.ELECTRON_RENDERER_URL;
  if (devServer && url.startsWith(new URL(devServer).origin + '/')) return true;
  return url.startsWith(pathToFileURL(RENDERER_DIR).href + '/');
}

export function openWindow(window: StationWindow): BrowserWindow {
  const browserWindow = new BrowserWindow(windowOptions(window));
  const devServer = process.env.ELECTRON_RENDERER_URL;
  const query = { [WINDOW_PARAM]: window.id };
  if (devServer) void browserWindow.loadURL(`${devServer}/${window.entry}/index.html?${new URLSearchParams(query)}`);
  else void browserWindow.loadFile(path.join(RENDERER_DIR, window.entry, 'index.html'), { query });
  return browserWindow;
}

/** A second launch of the app shows the windows of the first instead of doing nothing visible. */
export function bringToFront(window: BrowserWindow): void {
  if (window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

/** What a window may load: the app's own pages and what they make in memory (barcodes, downloads). */
export function isAllowedRequest(url: string): boolean {
  return isAppUrl(url) || url.startsWith('data:') || url.startsWith('blob:');
}

/**
 * No permission (camera, notifications, USB from the page…) is ever granted; every response carries the CSP; no
 * request leaves for another host (the platform is reached by the core, never by a page), and no spell-checking
 * dictionary is fetched.
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setSpellCheckerEnabled(false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY_HEADER] },
    });
  });
}

/** A window never leaves the app: no navigation, no redirects, no new windows, no webviews. */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
