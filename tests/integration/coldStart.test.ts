// A cold start loads what the first windows need and no more: the spreadsheet writer (exceljs) waits for the first
// export or manifest that asks for it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { passphraseEnv } from '../fixtures/passphrase';
import { tempDir } from '../fixtures/tempCore';

const STATION = path.resolve(__dirname, '../../out/main/station.js');
let work: string;
beforeAll(() => {
  work = tempDir('swabdesk-cold-start-');
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

it('starts to its URLs without loading exceljs', async () => {
  const log = path.join(work, 'modules.log');
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(
      process.execPath,
      ['--import', pathToFileURL(path.resolve(__dirname, '../fixtures/logModules.mjs')).href, STATION, '--data-dir', path.join(work, 'data'), '--port', '0', '--simulate'],
      { stdio: ['ignore', 'pipe', 'inherit'], env: { ...passphraseEnv(), SWABDESK_MODULE_LOG: log } },
    );
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('Ctrl+C stops the station')) child.kill('SIGTERM');
    });
    child.on('exit', resolve);
  });
  expect(code).toBe(0);
  const loaded = fs.readFileSync(log, 'utf8').split('\n');
  // The log does see the packages a start needs: the database and the schemas.
  expect(loaded.some((file) => file.includes('/node_modules/better-sqlite3-multiple-ciphers/'))).toBe(true);
  expect(loaded.some((file) => file.includes('/node_modules/zod/'))).toBe(true);
  expect(loaded.filter((file) => file.includes('/node_modules/exceljs/'))).toEqual([]);
}, 30_000);
