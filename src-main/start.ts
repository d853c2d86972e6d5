// `npm start`: the desktop app where the Electron binary is installed, else the browser station.
// It looks for the binary without requiring the electron package, which would try to download it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { runStation } from './station/run';

function installedElectronBinary(): string | undefined {
  try {
    const electronDir = path.dirname(createRequire(__filename).resolve('electron/package.json'));
    const relative = fs.readFileSync(path.join(electronDir, 'path.txt'), 'utf8').trim();
    const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(electronDir, 'dist'), relative);
    return fs.existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const args = process.argv.slice(2);
const electron = installedElectronBinary();
if (electron) {
  const appDir = path.join(__dirname, '../..');
  const child = spawn(electron, [appDir, ...args], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('The Electron binary is not installed here, so SwabDesk starts as a browser station instead.');
  void runStation(args);
}
