// The desktop app's database key: kept by the operating system's key store when it protects, else asked for as the
// site passphrase; never written where the disk alone gives it away.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { databaseKey, KEY_FILE, protects, type KeyStore } from '../../src-main/databaseKey';
import { tempDir } from '../fixtures/tempCore';

/** Stands in for safeStorage: "encrypts" by reversing, so a test can tell the stored bytes are not the key. */
function store(backend: string, available = true): KeyStore {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text) => Buffer.from([...text].reverse().join(''), 'utf8'),
    decryptString: (data) => [...data.toString('utf8')].reverse().join(''),
  };
}

const dirs: string[] = [];
const fresh = () => {
  const dir = tempDir('swabdesk-key-');
  dirs.push(dir);
  return dir;
};
afterEach(() => dirs.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('the database key', () => {
  it('is made at random once, kept encrypted by the key store, and the same on every start', async () => {
    const dir = fresh();
    const ask = vi.fn();
    const first = await databaseKey(dir, store('gnome_libsecret'), ask, 'linux');
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    const stored = fs.readFileSync(path.join(dir, KEY_FILE));
    expect(stored.toString('utf8')).not.toContain(first);
    expect(await databaseKey(dir, store('gnome_libsecret'), ask, 'linux')).toBe(first);
    expect(await databaseKey(fresh(), store('gnome_libsecret'), ask, 'linux')).not.toBe(first);
    expect(ask).not.toHaveBeenCalled();
  });

  it("asks for the site passphrase where Linux would keep the key in basic text, and stores nothing", async () => {
    const dir = fresh();
    const ask = vi.fn(async () => 'the site passphrase');
    expect(await databaseKey(dir, store('basic_text'), ask, 'linux')).toBe('the site passphrase');
    expect(ask).toHaveBeenCalledWith(true);
    expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(false);
    expect(protects(store('basic_text'), 'win32')).toBe(true);
    expect(protects(store('kwallet5'), 'linux')).toBe(true);
    expect(protects(store('anything', false), 'darwin')).toBe(false);
  });

  it('asks for the passphrase of a database no stored key belongs to, instead of making a key that cannot open it', async () => {
    const dir = fresh();
    fs.writeFileSync(path.join(dir, 'swabdesk.db'), 'encrypted with a passphrase');
    const ask = vi.fn(async () => 'the old passphrase');
    expect(await databaseKey(dir, store('gnome_libsecret'), ask, 'linux')).toBe('the old passphrase');
    expect(ask).toHaveBeenCalledWith(false);
    expect(fs.existsSync(path.join(dir, KEY_FILE))).toBe(false);
  });
});
