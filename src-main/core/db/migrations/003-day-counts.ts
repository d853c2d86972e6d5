import type { Migration } from './migration';

// The day's totals, kept by triggers in the same transaction as the change, so that the manager's live totals
// cost one row read instead of a count over every registration of the day (a million at a big site).
export const migration003: Migration = {
  version: 3,
  name: 'day counts',
  up(db) {
    db.exec(`
      CREATE TABLE day_counts (
        day    TEXT PRIMARY KEY,
        people INTEGER NOT NULL DEFAULT 0,
        sealed INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      INSERT INTO day_counts (day, people, sealed)
        SELECT day, sum(people), sum(sealed) FROM (
          SELECT day, count(*) AS people, 0 AS sealed FROM registrations WHERE status = 'active' GROUP BY day
          UNION ALL
          SELECT day, 0, count(*) FROM tubes WHERE status = 'sealed' AND voided_at IS NULL GROUP BY day
        ) GROUP BY day;

      CREATE TRIGGER day_counts_person_added AFTER INSERT ON registrations WHEN NEW.status = 'active'
      BEGIN
        INSERT INTO day_counts (day, people) VALUES (NEW.day, 1)
          ON CONFLICT (day) DO UPDATE SET people = people + 1;
      END;
      CREATE TRIGGER day_counts_person_gone AFTER UPDATE OF status ON registrations
        WHEN OLD.status = 'active' AND NEW.status <> 'active'
      BEGIN
        UPDATE day_counts SET people = people - 1 WHERE day = OLD.day;
      END;
      CREATE TRIGGER day_counts_tube_sealed AFTER UPDATE OF status ON tubes
        WHEN NEW.status = 'sealed' AND OLD.status <> 'sealed'
      BEGIN
        INSERT INTO day_counts (day, sealed) VALUES (NEW.day, 1)
          ON CONFLICT (day) DO UPDATE SET sealed = sealed + 1;
      END;
      CREATE TRIGGER day_counts_tube_voided AFTER UPDATE OF voided_at ON tubes
        WHEN OLD.voided_at IS NULL AND NEW.voided_at IS NOT NULL AND NEW.status = 'sealed'
      BEGIN
        UPDATE day_counts SET sealed = sealed - 1 WHERE day = NEW.day;
      END;
    `);
  },
};
