import type { Migration } from './migration';

// A clerk who scans a new tube while the open one is not full confirms the switch, and may take it back with F4
// before anyone goes into the new tube: the new tube names the one it replaced, and the replaced tube is opened
// again. The day's count of sealed tubes follows a tube opened again as it follows a seal.
export const migration009: Migration = {
  version: 9,
  name: 'tube switch: the tube a new tube replaced',
  up(db) {
    db.exec(`
      ALTER TABLE tubes ADD COLUMN replaces TEXT REFERENCES tubes (id);

      CREATE TRIGGER day_counts_tube_reopened AFTER UPDATE OF status ON tubes
        WHEN OLD.status = 'sealed' AND NEW.status = 'open' AND NEW.voided_at IS NULL
      BEGIN
        UPDATE day_counts SET sealed = sealed - 1 WHERE day = NEW.day;
      END;
    `);
  },
};
