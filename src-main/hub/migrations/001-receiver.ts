import type { HubMigration } from './migration';

// The reference receiver's tables, as it made them before the hub had numbered migrations: every fact once, each
// station's last contact, and the tokens' hashes. IF NOT EXISTS, so that a receiver's database becomes version 1
// as it is.
export const migration001: HubMigration = {
  version: 1,
  name: 'facts, stations and tokens, as the reference receiver kept them',
  up: (client) =>
    client.query(`
      CREATE TABLE IF NOT EXISTS facts (
        fact_id     uuid PRIMARY KEY,
        station_id  uuid NOT NULL,
        site_code   text NOT NULL,
        kind        text NOT NULL,
        at          timestamptz NOT NULL,
        payload     jsonb NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX IF NOT EXISTS facts_station_at ON facts (station_id, at);
      CREATE TABLE IF NOT EXISTS stations (
        station_id uuid PRIMARY KEY,
        site_code  text NOT NULL,
        site_name  text NOT NULL,
        last_seen  timestamptz NOT NULL
      );
      CREATE TABLE IF NOT EXISTS tokens (
        token_sha256 text PRIMARY KEY,
        label        text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now()
      );
    `),
};
