import type { Migration } from './migration';

// A station with a hub keeps what the other PCs of its site did, as the site feed gives it: the facts themselves
// (mirror_facts, by their position in the feed) and, folded from them, the tubes, registrations, bags, handovers and
// stations the desk's and the packing table's rules consult. The mirror is never in the outbox: these rows are other
// PCs' facts and go back to nobody. mirror_feed holds the cursor, written in the transaction that applies a page.
// A tube of another PC packed into a bag here goes into bag_site_tubes, as bag_tubes names only this PC's tubes.
export const migration013: Migration = {
  version: 13,
  name: "the site's mirror: other PCs' facts and what they fold into",
  up(db) {
    db.exec(`
      CREATE TABLE mirror_feed (
        id         INTEGER PRIMARY KEY CHECK (id = 1),
        cursor     INTEGER NOT NULL,
        applied_at TEXT
      );
      INSERT INTO mirror_feed (id, cursor, applied_at) VALUES (1, 0, NULL);

      CREATE TABLE mirror_facts (
        fact_id         TEXT PRIMARY KEY,
        seq             INTEGER NOT NULL UNIQUE,
        station_id      TEXT NOT NULL,
        kind            TEXT NOT NULL,
        at              TEXT NOT NULL,
        tube_id         TEXT,
        registration_id TEXT,
        bag_id          TEXT,
        handover_id     TEXT,
        fact            TEXT NOT NULL
      );
      CREATE INDEX mirror_facts_tube ON mirror_facts (tube_id) WHERE tube_id IS NOT NULL;
      CREATE INDEX mirror_facts_registration ON mirror_facts (registration_id) WHERE registration_id IS NOT NULL;
      CREATE INDEX mirror_facts_bag ON mirror_facts (bag_id) WHERE bag_id IS NOT NULL;
      CREATE INDEX mirror_facts_handover ON mirror_facts (handover_id) WHERE handover_id IS NOT NULL;

      CREATE TABLE mirror_stations (
        station_id TEXT PRIMARY KEY,
        label      TEXT NOT NULL,
        last_seen  TEXT
      );

      CREATE TABLE mirror_tubes (
        tube_id      TEXT PRIMARY KEY,
        barcode      TEXT,
        station_id   TEXT,
        desk         TEXT,
        capacity     INTEGER,
        opened_at    TEXT,
        day          TEXT,
        status       TEXT,
        close_reason TEXT,
        closed_at    TEXT,
        people       INTEGER NOT NULL,
        voided_at    TEXT,
        void_reason  TEXT
      );
      CREATE INDEX mirror_tubes_barcode ON mirror_tubes (barcode);
      CREATE INDEX mirror_tubes_status ON mirror_tubes (status);

      CREATE TABLE mirror_registrations (
        registration_id TEXT PRIMARY KEY,
        tube_id         TEXT,
        station_id      TEXT,
        position        INTEGER,
        doc_type        TEXT,
        doc_number      TEXT,
        name            TEXT,
        added_at        TEXT,
        day             TEXT,
        removed_at      TEXT,
        voided_at       TEXT
      );
      CREATE INDEX mirror_registrations_person ON mirror_registrations (doc_type, doc_number, day);
      CREATE INDEX mirror_registrations_day ON mirror_registrations (day);

      CREATE TABLE mirror_bags (
        bag_id     TEXT PRIMARY KEY,
        barcode    TEXT,
        station_id TEXT,
        capacity   INTEGER,
        opened_at  TEXT,
        status     TEXT,
        sealed_at  TEXT
      );
      CREATE INDEX mirror_bags_barcode ON mirror_bags (barcode);

      CREATE TABLE mirror_bag_tubes (
        bag_id       TEXT NOT NULL,
        tube_id      TEXT NOT NULL,
        tube_barcode TEXT NOT NULL,
        packed_at    TEXT NOT NULL,
        fact_id      TEXT NOT NULL,
        PRIMARY KEY (bag_id, tube_id)
      );
      CREATE INDEX mirror_bag_tubes_tube ON mirror_bag_tubes (tube_id);

      CREATE TABLE mirror_handovers (
        handover_id TEXT PRIMARY KEY,
        number      TEXT NOT NULL,
        station_id  TEXT NOT NULL,
        handed_at   TEXT NOT NULL,
        fact_id     TEXT NOT NULL
      );
      CREATE TABLE mirror_handover_bags (
        handover_id TEXT NOT NULL,
        bag_barcode TEXT NOT NULL,
        PRIMARY KEY (handover_id, bag_barcode)
      );
      CREATE INDEX mirror_handover_bags_bag ON mirror_handover_bags (bag_barcode);

      CREATE TABLE bag_site_tubes (
        tube_id      TEXT PRIMARY KEY,
        bag_id       TEXT NOT NULL REFERENCES bags (id),
        tube_barcode TEXT NOT NULL,
        packed_at    TEXT NOT NULL
      );
      CREATE INDEX bag_site_tubes_bag ON bag_site_tubes (bag_id);
    `);
  },
};
