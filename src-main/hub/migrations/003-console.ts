import type { HubMigration } from './migration';

// The district console: its users (a viewer sees registrations masked, an officer may open one in full), their
// sessions (only a token's SHA-256 is kept, as for stations' tokens) and the audit of every full record opened.
export const migration003: HubMigration = {
  version: 3,
  name: 'console users, sessions and the audit of full records',
  up: (client) =>
    client.query(`
      CREATE TABLE console_users (
        name          text PRIMARY KEY,
        role          text NOT NULL CHECK (role IN ('viewer', 'officer')),
        password_hash text NOT NULL,
        created_at    timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE console_sessions (
        token_sha256 text PRIMARY KEY,
        user_name    text NOT NULL REFERENCES console_users (name) ON DELETE CASCADE,
        expires_at   timestamptz NOT NULL
      );
      CREATE INDEX console_sessions_expiry ON console_sessions (expires_at);
      CREATE TABLE console_audit (
        audit_id        bigserial PRIMARY KEY,
        at              timestamptz NOT NULL DEFAULT now(),
        user_name       text NOT NULL,
        action          text NOT NULL CHECK (action IN ('registration.viewed')),
        site_code       text NOT NULL,
        registration_id uuid NOT NULL
      );
    `),
};
