// Builds the background worker once for the whole test run: the tests run the sources, but a worker thread needs a
// script Node can load. The station finds it through SWABDESK_BACKGROUND_WORKER, as the benches' build does.
import fs from 'node:fs';
import path from 'node:path';
import { rolldown } from 'rolldown';

const ROOT = path.resolve(__dirname, '../..');

export async function buildBackgroundWorker(outDir: string): Promise<string> {
  const bundle = await rolldown({
    input: path.join(ROOT, 'src-main/core/background/worker.ts'),
    platform: 'node',
    external: [/^node:/, 'better-sqlite3-multiple-ciphers', 'zod', 'exceljs', 'csv-stringify'],
  });
  await bundle.write({ dir: outDir, format: 'cjs', entryFileNames: 'backgroundWorker.cjs' });
  await bundle.close();
  return path.join(outDir, 'backgroundWorker.cjs');
}

/**
 * Each run builds into a folder of its own, inside node_modules so the worker finds its packages: two runs, or two
 * checkouts sharing one node_modules, never load each other's worker.
 */
export default async function setup(): Promise<() => void> {
  const cache = path.join(ROOT, 'node_modules/.cache');
  fs.mkdirSync(cache, { recursive: true });
  const outDir = fs.mkdtempSync(path.join(cache, 'swabdesk-test-worker-'));
  process.env.SWABDESK_BACKGROUND_WORKER = await buildBackgroundWorker(outDir);
  return () => fs.rmSync(outDir, { recursive: true, force: true });
}
