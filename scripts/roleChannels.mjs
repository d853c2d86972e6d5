// The Vite plugin that writes each window role's allow-list into the preload when it is built (see
// src-main/preload.ts): the lists come from the contract itself, bundled and run here at build time, so the preload
// carries plain arrays of names and nothing of the contract's code.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Beside node_modules, so that the bundle finds zod as the sources do. */
const OUT_DIR = path.join(ROOT, 'node_modules/.cache/swabdesk-role-channels');

const ROLE_CHANNELS_MODULE = 'virtual:swabdesk-role-channels';

/** Each window role with the channels it may call, from src-main/preloadChannels.ts. */
async function roleChannelLists() {
  const bundle = await rolldown({
    input: path.join(ROOT, 'src-main/preloadChannels.ts'),
    platform: 'node',
    external: [/^node:/, 'better-sqlite3-multiple-ciphers', 'zod', 'exceljs', 'csv-stringify'],
  });
  const file = `lists-${process.pid}-${Date.now()}.cjs`;
  await bundle.write({ dir: OUT_DIR, format: 'cjs', entryFileNames: file });
  await bundle.close();
  const built = path.join(OUT_DIR, file);
  try {
    return createRequire(import.meta.url)(built).roleChannelLists();
  } finally {
    fs.rmSync(built, { force: true });
  }
}

export function roleChannels() {
  const resolved = `\0${ROLE_CHANNELS_MODULE}`;
  return {
    name: 'swabdesk-role-channels',
    resolveId: (id) => (id === ROLE_CHANNELS_MODULE ? resolved : undefined),
    load: async (id) => (id === resolved ? `export default ${JSON.stringify(await roleChannelLists())};` : undefined),
  };
}
