// Builds the background worker once for the whole test run: the tests run the sources, but a worker thread needs a
// script Node can load. The station finds it through SWABDESK_BACKGROUND_WORKER, as the benches' build does.
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

export default async function setup(): Promise<void> {
  process.env.SWABDESK_BACKGROUND_WORKER = await buildBackgroundWorker(path.join(ROOT, 'node_modules/.cache/swabdesk-test-worker'));
}
