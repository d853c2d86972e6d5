// The hub's numbered migrations. Any number of hub processes may start against one database at once: migrating
// happens under one session-level advisory lock, so exactly one of them runs each migration and the others find the
// schema current once they get the lock. Each migration runs in its own transaction together with its row in
// schema_version, so a failure leaves the database at the version before, never between.
import type pg from 'pg';
import type { HubMigration } from './migration';
import { migration001 } from './001-receiver';
import { migration002 } from './002-hub';
import { migration003 } from './003-console';
import { migration004 } from './004-station-backlog';
import { migration005 } from './005-sticker-key-sharing';

export type { HubMigration };

export const hubMigrations: readonly HubMigration[] = [migration001, migration002, migration003, migration004, migration005];

/** Any constant the project owns: pg_advisory_lock keys share one space per database. */
const MIGRATIONS_LOCK = 0x5357_4842_0001;

export async function hubSchemaVersion(client: pg.ClientBase): Promise<number> {
  const exists = await client.query<{ found: string | null }>("SELECT to_regclass('schema_version') AS found");
  if (exists.rows[0].found === null) return 0;
  const { rows } = await client.query<{ version: number | null }>('SELECT max(version) AS version FROM schema_version');
  return rows[0].version ?? 0;
}

/** Brings the database up to `target` (default: the newest) and returns the version it ends at. */
export async function migrateHub(pool: pg.Pool, target?: number, list: readonly HubMigration[] = hubMigrations): Promise<number> {
  const client = await pool.connect();
  // A connection that fails midway is closed rather than reused; its session's lock ends with it.
  let failed = false;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATIONS_LOCK]);
    try {
      await client.query(
        'CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
      );
      const current = await hubSchemaVersion(client);
      if (current > list.length) {
        throw new Error(`The hub's database is at schema version ${current}, newer than this SwabDesk knows (${list.length}). Update SwabDesk.`);
      }
      for (const migration of list) {
        if (migration.version <= current || migration.version > (target ?? list.length)) continue;
        await client.query('BEGIN');
        try {
          await migration.up(client);
          await client.query('INSERT INTO schema_version (version) VALUES ($1)', [migration.version]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }
      return await hubSchemaVersion(client);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATIONS_LOCK]).catch(() => (failed = true));
    }
  } finally {
    client.release(failed);
  }
}
