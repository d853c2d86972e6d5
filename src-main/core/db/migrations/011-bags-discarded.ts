import type { Migration } from './migration';

// An empty bag the manager scanned by mistake is dropped when the next bag label is scanned, as an empty tube is at
// the desk: kept as 'discarded', its label free to be used again. SQLite cannot change a CHECK or drop a column's
// UNIQUE in place, so the table is rebuilt; bag_tubes, whose foreign key names bags, is set aside first and put back
// after, so that no row ever points at a bag that is not there.
export const migration011: Migration = {
  version: 11,
  name: 'bags: an empty bag dropped for the next one',
  up(db) {
    db.exec(`
      CREATE TABLE bag_tubes_kept AS SELECT tube_id, bag_id, packed_at FROM bag_tubes;
      DROP TABLE bag_tubes;

      CREATE TABLE bags_v11 (
        id          TEXT PRIMARY KEY,
        barcode     TEXT NOT NULL,
        capacity    INTEGER NOT NULL CHECK (capacity >= 1),
        status      TEXT NOT NULL CHECK (status IN ('open', 'sealed', 'discarded')),
        opened_at   TEXT NOT NULL,
        sealed_at   TEXT,
        handover_id TEXT REFERENCES handovers (id),
        day         TEXT NOT NULL
      ) STRICT;
      INSERT INTO bags_v11 (id, barcode, capacity, status, opened_at, sealed_at, handover_id, day)
        SELECT id, barcode, capacity, status, opened_at, sealed_at, handover_id, day FROM bags;
      DROP TABLE bags;
      ALTER TABLE bags_v11 RENAME TO bags;
      CREATE UNIQUE INDEX bags_barcode_in_use ON bags (barcode) WHERE status <> 'discarded';
      CREATE UNIQUE INDEX bags_one_open ON bags (status) WHERE status = 'open';

      CREATE TABLE bag_tubes (
        tube_id   TEXT PRIMARY KEY REFERENCES tubes (id),
        bag_id    TEXT NOT NULL REFERENCES bags (id),
        packed_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO bag_tubes (tube_id, bag_id, packed_at) SELECT tube_id, bag_id, packed_at FROM bag_tubes_kept;
      DROP TABLE bag_tubes_kept;
      CREATE INDEX bag_tubes_bag ON bag_tubes (bag_id);
    `);
  },
};
