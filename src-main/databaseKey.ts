// The database key of the desktop app: a random key, stored encrypted by the operating system's key store through
// Electron's safeStorage (DPAPI on Windows, the Keychain on macOS, the secret service on Linux). Where Linux would
// fall back to its basic_text backend (a key anyone with the disk can read), or where the site's data was already
// encrypted with a passphrase, the site passphrase is asked for instead.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DATABASE_FILE } from './core/core';

export const KEY_FILE = 'database.key';

/** The part of Electron's safeStorage this needs (so that tests can stand in for it). */
export interface KeyStore {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(text: string): Buffer;
  decryptString(data: Buffer): string;
}

/** Whether the store really protects the key: Linux's basic_text backend only obscures it. */
export function protects(store: KeyStore, platform: NodeJS.Platform = process.platform): boolean {
  if (!store.isEncryptionAvailable()) return false;
  return platform !== 'linux' || store.getSelectedStorageBackend?.() !== 'basic_text';
}

/**
 * The key to open the database in `dataDir` with. `askPassphrase(isNewSite)` is called where the key store cannot
 * be used: it does not protect, or a database exists that no stored key belongs to.
 */
export async function databaseKey(
  dataDir: string,
  store: KeyStore,
  askPassphrase: (isNewSite: boolean) => Promise<string>,
  platform: NodeJS.Platform = process.platform,
): Promise<string> {
  const keyFile = path.join(dataDir, KEY_FILE);
  const databaseExists = fs.existsSync(path.join(dataDir, DATABASE_FILE));
  if (fs.existsSync(keyFile)) return store.decryptString(fs.readFileSync(keyFile));
  if (!protects(store, platform) || databaseExists) return askPassphrase(!databaseExists);
  const key = randomBytes(32).toString('hex');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(keyFile, store.encryptString(key), { mode: 0o600 });
  return key;
}
