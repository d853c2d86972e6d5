// Opens the station's SQLite database, encrypted at rest when given a key (SQLite3 Multiple Ciphers: the database,
// its WAL and every backup), with the pragmas durability depends on, then migrates it.
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from './db';
import { migrate } from './migrations';

export type { Db } from './db';

/** The key or passphrase the database is encrypted with; SQLite3 Multiple Ciphers derives the page key from it. */
export type DatabaseKey = string;

/** Why the database would not open: the key is missing or wrong. Says so, and what to do, in one sentence. */
export class DatabaseLocked extends Error {}

/**
 * Applies the connection pragmas. better-sqlite3 is compiled so that WAL databases default to
 * synchronous=NORMAL, which can lose committed transactions on power loss: FULL is set on every connection.
 * secure_delete overwrites what is deleted (a purged person) instead of leaving it in free pages.
 * journal_size_limit trims the WAL back each time it starts over: otherwise it keeps the size of its busiest moment
 * (53 MB in the background-work bench), and emptying a WAL that large after a purge took 19 ms, which desks wait for.
 */
export function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('secure_delete = ON');
  db.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT_BYTES}`);
}

/** What the WAL is trimmed back to when it starts over: about a thousand pages, a few seconds of a busy site. */
export const WAL_SIZE_LIMIT_BYTES = 4 * 1024 * 1024;

const PLAINTEXT_HEADER = Buffer.from('SQLite format 3\0');

function isPlaintext(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const header = Buffer.alloc(PLAINTEXT_HEADER.length);
  const fd = fs.openSync(file, 'r');
  try {
    return fs.readSync(fd, header, 0, header.length, 0) === header.length && header.equals(PLAINTEXT_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads the schema: the first read that needs the right key. */
function readable(db: Db): boolean {
  try {
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_NOTADB') return false;
    throw error;
  }
}

/**
 * Keys the connection. A database from before encryption (plaintext) is encrypted in place first; WAL mode cannot
 * be rekeyed, so it leaves WAL for the moment of the rekey.
 */
function unlock(db: Db, file: string, key: DatabaseKey): void {
  if (isPlaintext(file)) {
    db.pragma('journal_mode = DELETE');
    db.rekey(Buffer.from(key, 'utf8'));
    return;
  }
  db.key(Buffer.from(key, 'utf8'));
  if (!readable(db)) {
    throw new DatabaseLocked(`The database ${file} does not open with this passphrase: it is not the one this site's data was encrypted with.`);
  }
}

/**
 * `nativeBinding`: the SQLite binding built for Electron's ABI, which the packaged desktop app ships apart from the
 * Node build in node_modules (see scripts/dist.mjs); absent, the package's own build loads.
 */
export function openDatabase(file: string, key?: DatabaseKey, nativeBinding?: string): Db {
  const db = new Database(file, { nativeBinding });
  try {
    if (key !== undefined) unlock(db, file, key);
    else if (!readable(db)) {
      throw new DatabaseLocked(`The database ${file} is encrypted: start SwabDesk with its passphrase.`);
    }
    applyPragmas(db);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
