// What a numbered migration of the hub's PostgreSQL schema is; each migration file and the list that runs them
// import it from here.
import type pg from 'pg';

export interface HubMigration {
  version: number;
  name: string;
  /** Runs inside the migration's transaction, on the connection that holds the migrations lock. */
  up(client: pg.ClientBase): Promise<unknown>;
}
