// Numbered migrations. Each runs in its own transaction together with the user_version bump,
// so a crash leaves the database at the version before or after, never between.
import type { Db } from '../db';
import type { Migration } from './migration';
import { migration001 } from './001-tubes-and-registrations';
import { migration002 } from './002-facts-audit-outbox';
import { migration003 } from './003-day-counts';
import { migration004 } from './004-site-desks-operators';
import { migration005 } from './005-outbox-backlog';
import { migration006 } from './006-upload';
import { migration007 } from './007-retention';
import { migration008 } from './008-acknowledged-index';
import { migration009 } from './009-tube-switch';
import { migration010 } from './010-sticker-keys';
import { migration011 } from './011-bags-discarded';
import { migration012 } from './012-operator-names-and-handover-signatures';
import { migration013 } from './013-site-mirror';
import { migration014 } from './014-roster';
import { migration015 } from './015-station-keypair';
import { migration016 } from './016-roster-recount';

export type { Migration };

export const migrations: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
];

/** The schema version the newest migration brings a database to. */
export const NEWEST_VERSION = migrations.at(-1)?.version ?? 0;

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Brings the database up to `target` (default: the newest) and returns the version it ends at. */
export function migrate(db: Db, target?: number, list: readonly Migration[] = migrations): number {
  const current = schemaVersion(db);
  const newest = list.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new Error(`The database is at schema version ${current}, newer than this SwabDesk knows (${newest}). Update SwabDesk.`);
  }
  for (const migration of list) {
    if (migration.version <= current || migration.version > (target ?? newest)) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
  }
  return schemaVersion(db);
}
