// Opens the station's SQLite database with the pragmas durability depends on, then migrates it.
import Database from 'better-sqlite3';
import { migrate } from './migrations';

export type Db = Database.Database;

/**
 * Applies the connection pragmas. better-sqlite3 is compiled so that WAL databases default to
 * synchronous=NORMAL, which can lose committed transactions on power loss: FULL is set on every connection.
 */
export function applyPragmas(db: Db): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
}

export function openDatabase(file: string): Db {
  const db = new Database(file);
  try {
    applyPragmas(db);
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
