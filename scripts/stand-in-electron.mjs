// Makes a stand-in for an unpacked Electron for Linux x64 in DIR, for CI packaging checks only: it is never shipped
// and never runs the app. The real Electron binary cannot be downloaded on our build machines, but electron-builder
// packages from any unpacked Electron folder given as `electronDist`, so the CI check (tests/packaging/check.sh)
// packages against this one and then inspects the result.
//   node scripts/stand-in-electron.mjs DIR
// What electron-builder uses from the folder on Linux: the `electron` executable (renamed to the product's executable,
// then its fuses flipped with @electron/fuses), `resources/` (app.asar and extraResources go there) and `LICENSE`
// (kept as LICENSE.electron.txt). The executable is a shell script that refuses to run, followed by an Electron fuse
// wire: the sentinel @electron/fuses searches for, the wire version, the number of fuses, then one byte per fuse in
// the state a fresh Electron ships with, so the check can tell which fuses packaging flipped.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { FuseState, FuseV1Options, FuseVersion } from '@electron/fuses';

const require = createRequire(import.meta.url);

// The marker @electron/fuses searches for before the wire (in its dist/constants.js, which its entry point hides).
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';

// Each fuse as a fresh Electron ships it (electron/build/fuses/fuses.json5 and docs/tutorial/fuses.md).
const ELECTRON_DEFAULT_FUSES = {
  RunAsNode: true,
  EnableCookieEncryption: false,
  EnableNodeOptionsEnvironmentVariable: true,
  EnableNodeCliInspectArguments: true,
  EnableEmbeddedAsarIntegrityValidation: false,
  OnlyLoadAppFromAsar: false,
  LoadBrowserProcessSpecificV8Snapshot: false,
  GrantFileProtocolExtraPrivileges: true,
  WasmTrapHandlers: true,
};

/** The fuse wire in its default state, one byte per fuse @electron/fuses knows, in wire order. */
function defaultFuseWire() {
  const fuseNames = Object.keys(FuseV1Options).filter((key) => Number.isNaN(Number(key)));
  const states = fuseNames.map((name) => {
    if (!(name in ELECTRON_DEFAULT_FUSES)) {
      throw new Error(`@electron/fuses knows a fuse this script does not: ${name}. Add its Electron default above.`);
    }
    return ELECTRON_DEFAULT_FUSES[name] ? FuseState.ENABLE : FuseState.DISABLE;
  });
  return Buffer.concat([
    Buffer.from(FUSE_SENTINEL, 'latin1'),
    Buffer.from([Number(FuseVersion.V1), states.length]),
    Buffer.from(states),
  ]);
}

function standInExecutable(electronVersion) {
  const script = [
    '#!/bin/sh',
    `# Stand-in for Electron ${electronVersion}, made by scripts/stand-in-electron.mjs for CI packaging checks.`,
    'echo "This is a stand-in Electron for packaging checks; it cannot run the app." >&2',
    'exit 1',
    '',
  ].join('\n');
  return Buffer.concat([Buffer.from(script), defaultFuseWire(), Buffer.from('\n')]);
}

const targetDir = process.argv[2];
if (!targetDir) {
  console.error('Usage: node scripts/stand-in-electron.mjs DIR');
  process.exit(2);
}
const electronVersion = require('electron/package.json').version;

fs.rmSync(targetDir, { recursive: true, force: true });
fs.mkdirSync(path.join(targetDir, 'resources'), { recursive: true });
fs.writeFileSync(path.join(targetDir, 'electron'), standInExecutable(electronVersion), { mode: 0o755 });
fs.writeFileSync(path.join(targetDir, 'version'), electronVersion);
fs.writeFileSync(path.join(targetDir, 'LICENSE'), 'Stand-in for Electron\'s LICENSE: this folder is for CI packaging checks only.\n');
console.log(`Stand-in Electron ${electronVersion} (linux-x64, packaging checks only) in ${targetDir}`);
