// Packages SwabDesk (npm run dist): builds out/ with electron-vite, builds the SQLite binding for Electron's ABI into
// build/electron-native/ (electron-builder.yml ships it as resources/native/better_sqlite3.node), then runs
// electron-builder with electron-builder.yml.
//   node scripts/dist.mjs [--skip-native] [--electron-dist DIR] [electron-builder arguments, e.g. --linux dir, --win]
// The binding is compiled apart, from a copy of the package's sources, because node_modules keeps its build for
// Node's ABI (npm test runs on Node), and its ABI is checked afterwards, since a build against the wrong headers
// otherwise succeeds silently. It needs Electron's headers from electronjs.org (kept in ~/.electron-gyp once fetched)
// and a compiler for the platform it packages for: package for Windows on Windows.
// --skip-native packages without the binding (the packaged app cannot open its database): for packaging checks on
// machines without internet only. --electron-dist DIR packages from an unpacked Electron folder instead of
// downloading Electron (see scripts/stand-in-electron.mjs).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { electronAbi, nativeModuleAbi } from './check-package.mjs';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const SQLITE_MODULE = 'better-sqlite3-multiple-ciphers';
const NATIVE_OUT_DIR = path.join(ROOT, 'build', 'electron-native');
const NATIVE_BINDING_NAME = 'better_sqlite3.node';
const ELECTRON_HEADERS_URL = 'https://electronjs.org/headers';
const ELECTRON_HEADERS_DIR = path.join(os.homedir(), '.electron-gyp');
// electron-builder's platform flags, and the platform each one's native binding must be built on.
const PLATFORM_FLAGS = {
  '--linux': 'linux', '-l': 'linux',
  '--win': 'win32', '-w': 'win32', '--windows': 'win32',
  '--mac': 'darwin', '-m': 'darwin', '--macos': 'darwin',
};

function parseArguments(argv) {
  const options = { skipNative: false, electronDist: null, builderArguments: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--skip-native') options.skipNative = true;
    else if (arg === '--electron-dist') options.electronDist = argv[++i];
    else if (arg.startsWith('--electron-dist=')) options.electronDist = arg.slice('--electron-dist='.length);
    else options.builderArguments.push(arg);
  }
  if (options.electronDist === undefined) throw new Error('--electron-dist needs a folder');
  return options;
}

/** Path of the command-line script a package names after itself, from its package.json "bin". */
function binOf(packageName) {
  const manifestFile = require.resolve(`${packageName}/package.json`);
  const { bin } = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  return path.join(path.dirname(manifestFile), typeof bin === 'string' ? bin : bin[packageName]);
}

function run(script, args, options = {}) {
  return spawnSync(process.execPath, [script, ...args], { stdio: 'inherit', cwd: ROOT, ...options }).status === 0;
}

function buildApp() {
  console.log('dist: building out/ with electron-vite');
  if (!run(binOf('electron-vite'), ['build'])) throw new Error('electron-vite build failed');
}

/**
 * The environment for node-gyp without npm_config_nodedir, which npm sets from .npmrc (nodedir=/usr on our machines,
 * for the Node build): node-gyp would compile against those Node headers whatever --target says.
 */
function nodeGypEnvironment() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => key.toLowerCase() !== 'npm_config_nodedir'));
}

function buildElectronSqliteBinding(builderArguments) {
  const otherPlatforms = builderArguments.map((arg) => PLATFORM_FLAGS[arg]).filter((p) => p && p !== process.platform);
  if (otherPlatforms.length > 0) {
    throw new Error(`the SQLite binding is compiled for this machine (${process.platform}), ` +
      `not for ${otherPlatforms.join(', ')}: package on that platform, or add --skip-native for a packaging check`);
  }
  const electronVersion = require('electron/package.json').version;
  const nodeGyp = binOf('node-gyp');
  const electronTarget = [
    `--target=${electronVersion}`,
    `--dist-url=${ELECTRON_HEADERS_URL}`,
    `--devdir=${ELECTRON_HEADERS_DIR}`,
  ];
  const environment = nodeGypEnvironment();

  console.log(`dist: fetching the headers of Electron ${electronVersion} (once; kept in ${ELECTRON_HEADERS_DIR})`);
  if (!run(nodeGyp, ['install', '--ensure', ...electronTarget], { env: environment })) {
    throw new Error(`the headers of Electron ${electronVersion} could not be fetched from ${ELECTRON_HEADERS_URL}, ` +
      'so the SQLite binding cannot be built for Electron. Run this where electronjs.org is reachable, or add ' +
      '--skip-native to package without the binding (the packaged app then cannot open its database; for packaging ' +
      'checks only).');
  }

  const sourceDir = path.dirname(require.resolve(`${SQLITE_MODULE}/package.json`));
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'swabdesk-electron-sqlite-'));
  try {
    console.log(`dist: compiling ${SQLITE_MODULE} for Electron ${electronVersion} in ${workDir}`);
    fs.cpSync(sourceDir, workDir, {
      recursive: true,
      filter: (source) => !['build', 'node_modules'].includes(path.relative(sourceDir, source)),
    });
    if (!run(nodeGyp, ['rebuild', '--release', '--jobs=max', ...electronTarget], { cwd: workDir, env: environment })) {
      throw new Error(`compiling ${SQLITE_MODULE} for Electron ${electronVersion} failed`);
    }
    const builtBinding = path.join(workDir, 'build', 'Release', NATIVE_BINDING_NAME);
    const builtFor = nativeModuleAbi(builtBinding);
    if (builtFor !== electronAbi()) {
      throw new Error(
        `the SQLite binding was built for ABI ${builtFor}, but Electron ${electronVersion} needs ${electronAbi()}`);
    }
    fs.mkdirSync(NATIVE_OUT_DIR, { recursive: true });
    fs.copyFileSync(builtBinding, path.join(NATIVE_OUT_DIR, NATIVE_BINDING_NAME));
    console.log(`dist: SQLite binding for Electron (ABI ${builtFor}) in ${path.relative(ROOT, NATIVE_OUT_DIR)}`);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

function runElectronBuilder({ electronDist, builderArguments }) {
  // Publishing is not this script's job (electron-builder would try it on a CI tag build).
  const args = [...builderArguments, '--publish', 'never'];
  if (electronDist) args.push(`-c.electronDist=${path.resolve(electronDist)}`);
  console.log(`dist: electron-builder ${args.join(' ')}`);
  if (!run(binOf('electron-builder'), args)) throw new Error('electron-builder failed');
}

try {
  const options = parseArguments(process.argv.slice(2));
  buildApp();
  // A binding left from an earlier run may be for another Electron: each run ships the one it builds, or none.
  fs.rmSync(NATIVE_OUT_DIR, { recursive: true, force: true });
  if (options.skipNative) {
    console.warn('dist: --skip-native: packaging WITHOUT the SQLite binding for Electron. The packaged app cannot ' +
      'open its database: use this package for packaging checks only, never ship it.');
  } else {
    buildElectronSqliteBinding(options.builderArguments);
  }
  runElectronBuilder(options);
} catch (error) {
  console.error(`\ndist: ${error.message}`);
  process.exit(1);
}
