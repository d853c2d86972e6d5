import type { HubMigration } from './migration';

// The receiver becomes the hub. A token may be bound to a site (hub enrol) and, at its first upload, to the station
// that presents it. Each site keeps the order its facts were committed in (site_facts, numbered under the lock of
// its row in sites), which its stations read as their feed. The site's tables (tubes, registrations, desks, bags,
// handovers, conflicts) are projections of its facts, rewritten in the transaction that stores them.
export const migration002: HubMigration = {
  version: 2,
  name: 'sites, enrolment, the site feed and the projections',
  up: (client) =>
    client.query(`
      CREATE TABLE sites (
        code       text PRIMARY KEY,
        name       text,
        feed_seq   bigint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      ALTER TABLE tokens ADD COLUMN site_code text REFERENCES sites (code), ADD COLUMN station_id uuid;
      ALTER TABLE stations ADD COLUMN label text, ADD COLUMN enrolled boolean NOT NULL DEFAULT false;

      CREATE TABLE site_facts (
        site_code       text NOT NULL REFERENCES sites (code),
        seq             bigint NOT NULL,
        fact_id         uuid NOT NULL UNIQUE,
        station_id      uuid NOT NULL,
        tube_id         uuid,
        registration_id uuid,
        bag_id          uuid,
        handover_id     uuid,
        PRIMARY KEY (site_code, seq)
      );
      CREATE INDEX site_facts_tube ON site_facts (site_code, tube_id) WHERE tube_id IS NOT NULL;
      CREATE INDEX site_facts_registration ON site_facts (site_code, registration_id) WHERE registration_id IS NOT NULL;
      CREATE INDEX site_facts_bag ON site_facts (site_code, bag_id) WHERE bag_id IS NOT NULL;
      CREATE INDEX site_facts_handover ON site_facts (site_code, handover_id) WHERE handover_id IS NOT NULL;

      CREATE TABLE tubes (
        site_code    text NOT NULL REFERENCES sites (code),
        tube_id      uuid NOT NULL,
        barcode      text,
        station_id   uuid,
        desk         text,
        capacity     integer,
        opened_at    timestamptz,
        opened_fact  uuid,
        status       text CHECK (status IN ('open', 'sealed', 'discarded')),
        close_reason text,
        closed_at    timestamptz,
        people       integer NOT NULL,
        voided_at    timestamptz,
        void_reason  text,
        PRIMARY KEY (site_code, tube_id)
      );
      CREATE INDEX tubes_barcode ON tubes (site_code, barcode);
      CREATE INDEX tubes_desk ON tubes (site_code, station_id, desk);

      CREATE TABLE registrations (
        site_code       text NOT NULL REFERENCES sites (code),
        registration_id uuid NOT NULL,
        tube_id         uuid,
        station_id      uuid,
        position        integer,
        source          text,
        doc_type        text,
        doc_number      text,
        name            text,
        phone           text,
        sex             text,
        birth_date      text,
        added_at        timestamptz,
        corrected_at    timestamptz,
        removed_at      timestamptz,
        voided_at       timestamptz,
        void_reason     text,
        status          text GENERATED ALWAYS AS (
          CASE WHEN voided_at IS NOT NULL THEN 'voided' WHEN removed_at IS NOT NULL THEN 'removed'
               WHEN added_at IS NOT NULL THEN 'active' END) STORED,
        PRIMARY KEY (site_code, registration_id)
      );
      CREATE INDEX registrations_tube ON registrations (site_code, tube_id);

      CREATE TABLE desks (
        site_code       text NOT NULL REFERENCES sites (code),
        station_id      uuid NOT NULL,
        desk            text NOT NULL,
        tubes           integer NOT NULL,
        first_opened_at timestamptz NOT NULL,
        last_opened_at  timestamptz NOT NULL,
        open_tube_id    uuid,
        PRIMARY KEY (site_code, station_id, desk)
      );

      CREATE TABLE bags (
        site_code  text NOT NULL REFERENCES sites (code),
        bag_id     uuid NOT NULL,
        barcode    text,
        station_id uuid,
        capacity   integer,
        opened_at  timestamptz,
        status     text CHECK (status IN ('open', 'sealed')),
        sealed_at  timestamptz,
        PRIMARY KEY (site_code, bag_id)
      );
      CREATE INDEX bags_barcode ON bags (site_code, barcode);
      CREATE TABLE bag_tubes (
        site_code    text NOT NULL REFERENCES sites (code),
        bag_id       uuid NOT NULL,
        tube_id      uuid NOT NULL,
        tube_barcode text NOT NULL,
        packed_at    timestamptz NOT NULL,
        fact_id      uuid NOT NULL,
        PRIMARY KEY (site_code, bag_id, tube_id)
      );
      CREATE INDEX bag_tubes_tube_barcode ON bag_tubes (site_code, tube_barcode);

      CREATE TABLE handovers (
        site_code     text NOT NULL REFERENCES sites (code),
        handover_id   uuid NOT NULL,
        number        text NOT NULL,
        station_id    uuid NOT NULL,
        handed_at     timestamptz NOT NULL,
        courier_name  text NOT NULL,
        courier_phone text NOT NULL,
        vehicle       text NOT NULL,
        temperature   double precision,
        fact_id       uuid NOT NULL,
        PRIMARY KEY (site_code, handover_id)
      );
      CREATE TABLE handover_bags (
        site_code   text NOT NULL REFERENCES sites (code),
        handover_id uuid NOT NULL,
        bag_barcode text NOT NULL,
        PRIMARY KEY (site_code, handover_id, bag_barcode)
      );
      CREATE INDEX handover_bags_bag ON handover_bags (site_code, bag_barcode);

      CREATE TABLE conflicts (
        site_code   text NOT NULL REFERENCES sites (code),
        kind        text NOT NULL CHECK (kind IN ('tube-opened-twice', 'tube-in-two-bags', 'bag-handed-over-twice')),
        subject     text NOT NULL,
        first_fact  uuid NOT NULL,
        second_fact uuid NOT NULL,
        PRIMARY KEY (site_code, kind, subject, first_fact, second_fact)
      );
    `),
};
