import type { Migration } from './migration';

// What retention needs: the personal part of an audit row (a correction's old and new values) kept beside the
// hash-chained trail, which holds only its digest, so that it can be purged without breaking the chain; and the
// trail findable by subject, to know every fact about a registration.
export const migration007: Migration = {
  version: 7,
  name: 'retention: private audit data, audit by subject',
  up(db) {
    db.exec(`
      CREATE TABLE audit_private (
        fact_id TEXT PRIMARY KEY REFERENCES audit (fact_id),
        data    TEXT NOT NULL CHECK (json_valid(data))
      ) STRICT;
      CREATE INDEX audit_subject ON audit (subject);
    `);
  },
};
