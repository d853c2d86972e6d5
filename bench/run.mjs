// `npm run bench`: bundles each bench/*.bench.ts and runs it with Node, one after another, against the station as
// built (npm run bench builds it first): the stations it starts, and the background worker every core uses.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, 'node_modules', '.cache', 'swabdesk-bench');
const only = process.argv[2];
const benches = fs.readdirSync(path.join(root, 'bench')).filter((f) => f.endsWith('.bench.ts') && (!only || f.includes(only)));

for (const file of benches) {
  const bundle = await rolldown({
    input: path.join(root, 'bench', file),
    platform: 'node',
    external: [/^node:/, 'better-sqlite3-multiple-ciphers', 'zod', 'exceljs', 'csv-stringify', '@playwright/test', 'ws', 'pg'],
  });
  const dir = path.join(outDir, file.replace(/\.ts$/, ''));
  await bundle.write({ dir, format: 'cjs', entryFileNames: 'index.cjs' });
  console.log(`\n== ${file}`);
  const run = spawnSync(process.execPath, [...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(' ') : []), '--expose-gc', path.join(dir, 'index.cjs')], {
    stdio: 'inherit',
    cwd: root,
    env: { ...process.env, SWABDESK_BACKGROUND_WORKER: path.join(root, 'out/main/backgroundWorker.js') },
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
