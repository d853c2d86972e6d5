// Checks a packaged Linux app folder (dist/linux-unpacked, written by `node scripts/dist.mjs --linux dir`):
// - app.asar holds the built app and nothing else of the repository (no tests, bench, docs, sources, source maps);
// - every production dependency still loads from it, so the exclusions in electron-builder.yml removed nothing
//   needed (loaded under Node, which can load them all; the SQLite binding is checked apart);
// - the packaged executable's fuses are set (stated again here, so weakening electron-builder.yml fails the check);
// - resources/native/better_sqlite3.node is built for Electron's ABI, not Node's.
// Prints each check and exits non-zero if any fails.
//   node scripts/check-package.mjs DIR [--without-native]
// --without-native accepts a package made with `dist.mjs --skip-native` (the CI check, which cannot fetch headers).
// Also exports the ABI helpers scripts/dist.mjs checks its fresh build with.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { extractAll, listPackage } from '@electron/asar';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// linux.executableName in electron-builder.yml.
const EXECUTABLE_NAME = 'swabdesk';
const NATIVE_BINDING = path.join('resources', 'native', 'better_sqlite3.node');
const REQUIRED_FUSES = {
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
};
const FORBIDDEN_TOP_FOLDERS = ['tests', 'bench', 'docs', 'scripts', 'src-main', 'src-renderer', 'resources'];
const FORBIDDEN_FILE_PATTERNS = [
  { pattern: /\.(test|spec)\.[cm]?[jt]sx?$/, what: 'test files' },
  { pattern: /\.map$/, what: 'source maps' },
];

/** NODE_MODULE_VERSION a native module was built for, from its exported node_register_module_v<N> symbol. */
export function nativeModuleAbi(file) {
  const match = /node_register_module_v(\d+)/.exec(fs.readFileSync(file).toString('latin1'));
  return match ? Number(match[1]) : null;
}

/** NODE_MODULE_VERSION of the Electron this project packages. */
export function electronAbi() {
  return Number(fs.readFileSync(path.join(path.dirname(require.resolve('electron/package.json')), 'abi_version'), 'utf8'));
}

/** Every window's name: one folder with an index.html per window under src-renderer (see electron.vite.config.ts). */
function windowNames() {
  const rendererRoot = path.join(ROOT, 'src-renderer');
  return fs
    .readdirSync(rendererRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(rendererRoot, entry.name, 'index.html')))
    .map((entry) => entry.name);
}

/** Names of the dependencies in the packaged package.json that fail to load from the packaged node_modules. */
function dependenciesThatFailToLoad(asarFile) {
  const extractedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'swabdesk-package-check-'));
  try {
    extractAll(asarFile, extractedDir);
    const { dependencies = {} } = JSON.parse(fs.readFileSync(path.join(extractedDir, 'package.json'), 'utf8'));
    return Object.keys(dependencies).filter((name) => {
      const load = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(name)})`], { cwd: extractedDir });
      return load.status !== 0;
    });
  } finally {
    fs.rmSync(extractedDir, { recursive: true, force: true });
  }
}

function formatMegabytes(bytes) {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function checkPackage(appDir, { withoutNative }) {
  const results = [];
  const check = (passed, description) => {
    results.push(passed);
    console.log(`${passed ? 'PASS' : 'FAIL'}  ${description}`);
  };

  const asarFile = path.join(appDir, 'resources', 'app.asar');
  if (!fs.existsSync(asarFile)) {
    check(false, `${path.relative(ROOT, asarFile)} exists`);
    return false;
  }
  const files = listPackage(asarFile, { isPack: false }).map((entry) => entry.replaceAll('\\', '/').replace(/^\//, ''));
  const fileSet = new Set(files);
  check(true, `app.asar exists (${formatMegabytes(fs.statSync(asarFile).size)}, ${files.length} entries)`);

  const requiredFiles = [
    'package.json',
    'out/main/index.js',
    // The thread backups, retention and exports run in, which the main process starts from beside itself.
    'out/main/backgroundWorker.js',
    'out/preload/index.js',
    'out/preload/unlock.js',
    ...windowNames().map((name) => `out/renderer/${name}/index.html`),
  ];
  for (const file of requiredFiles) check(fileSet.has(file), `app.asar holds ${file}`);

  for (const folder of FORBIDDEN_TOP_FOLDERS) {
    const found = files.filter((file) => file === folder || file.startsWith(`${folder}/`));
    check(found.length === 0, `app.asar has no ${folder}/${found.length ? ` (found ${found.length} entries)` : ''}`);
  }
  for (const { pattern, what } of FORBIDDEN_FILE_PATTERNS) {
    const found = files.filter((file) => pattern.test(file));
    check(found.length === 0, `app.asar has no ${what}${found.length ? `: ${found.slice(0, 5).join(', ')}` : ''}`);
  }

  const failedToLoad = dependenciesThatFailToLoad(asarFile);
  const notLoaded = failedToLoad.length ? `: not ${failedToLoad.join(', ')}` : '';
  check(failedToLoad.length === 0, `every production dependency loads from app.asar${notLoaded}`);

  const executable = path.join(appDir, EXECUTABLE_NAME);
  if (!fs.existsSync(executable)) {
    check(false, `executable ${EXECUTABLE_NAME} exists`);
  } else {
    const fuseWire = await getCurrentFuseWire(executable);
    for (const [fuseName, required] of Object.entries(REQUIRED_FUSES)) {
      const expectedState = required ? FuseState.ENABLE : FuseState.DISABLE;
      const actualState = fuseWire[FuseV1Options[fuseName]];
      const shown = actualState === undefined ? 'missing' : FuseState[actualState] ?? String(actualState);
      check(actualState === expectedState, `fuse ${fuseName} is ${FuseState[expectedState]} (found ${shown})`);
    }
  }

  const bindingFile = path.join(appDir, NATIVE_BINDING);
  if (fs.existsSync(bindingFile)) {
    const builtFor = nativeModuleAbi(bindingFile);
    const needed = electronAbi();
    check(builtFor === needed, `${NATIVE_BINDING} is built for Electron's ABI ${needed} (found ${builtFor ?? 'none'})`);
  } else if (withoutNative) {
    console.log(`SKIP  ${NATIVE_BINDING} (--without-native: packaged without the SQLite binding for Electron)`);
  } else {
    check(false, `${NATIVE_BINDING} exists`);
  }

  return results.every(Boolean);
}

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const appDir = args.find((arg) => !arg.startsWith('--'));
  if (!appDir) {
    console.error('Usage: node scripts/check-package.mjs DIR [--without-native]');
    process.exit(2);
  }
  const passed = await checkPackage(path.resolve(appDir), { withoutNative: args.includes('--without-native') });
  console.log(passed ? 'Package check passed.' : 'Package check FAILED.');
  process.exit(passed ? 0 : 1);
}
