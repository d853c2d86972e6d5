import type { Migration } from './migration';

// The community's roster (台账) and its coverage in the round. roster_people holds each person once per document in
// each version of the roster: roster_state names the version the station shows, and an import builds the next one
// beside it in small transactions, then shows it in one (the desks never wait behind a whole import, and nobody
// ever sees half of one). sampled_at is a person's first live registration in the round, on this PC or any PC of
// the site (the mirror), kept by triggers on every table a registration's liveness depends on, so a scan, a card, a
// correction, a void or the feed counts at once, whatever code path wrote it. roster_counts holds, per version,
// grid, building and tag, how many are on the roster, sampled and excused (not yet is the rest), and roster_hours
// the people first sampled each local hour: kept by triggers on roster_people, so the coverage view reads a few
// hundred rows, never the roster itself. The round (a day or a span of days) is one row; changing it computes
// every sampled_at again.

/** The first live registration in the round of the document `type`/`number` (SQL expressions), or NULL. */
function firstSampled(type: string, number: string): string {
  return `(SELECT min(at) FROM (
      SELECT r.created_at AS at FROM registrations r JOIN tubes t ON t.id = r.tube_id JOIN roster_round w
        WHERE r.doc_type = ${type} AND r.doc_number = ${number} AND r.status = 'active' AND t.voided_at IS NULL
          AND r.day BETWEEN w.first_day AND w.last_day
      UNION ALL
      SELECT m.added_at FROM mirror_registrations m LEFT JOIN mirror_tubes mt ON mt.tube_id = m.tube_id JOIN roster_round w
        WHERE m.doc_type = ${type} AND m.doc_number = ${number} AND m.removed_at IS NULL AND m.voided_at IS NULL
          AND mt.voided_at IS NULL AND m.day BETWEEN w.first_day AND w.last_day))`;
}

/** Sets sampled_at again for the roster people matched by `where` (over roster_people's columns). */
export function resample(where: string): string {
  return `UPDATE roster_people SET sampled_at = ${firstSampled('roster_people.doc_type', 'roster_people.doc_number')} WHERE ${where};`;
}

/** The people of a tube's registrations in `table`, for a tube voided (or mirrored again). */
const inTube = (table: string, tube: string) =>
  `(doc_type, doc_number) IN (SELECT doc_type, doc_number FROM ${table} WHERE tube_id = ${tube})`;

/** Adds the person `row` (NEW or OLD) to the counts, `sign` 1 or -1. */
function count(row: string, sign: 1 | -1): string {
  const on = `(${row}.removed_at IS NULL)`;
  const sampled = `(${on} AND ${row}.sampled_at IS NOT NULL)`;
  const excused = `(${on} AND ${row}.sampled_at IS NULL AND ${row}.excused_at IS NOT NULL)`;
  const values = `${row}.version, ${sign} * ${on}, ${sign} * ${sampled}, ${sign} * ${excused}`;
  const add = `ON CONFLICT DO UPDATE SET on_roster = on_roster + excluded.on_roster, sampled = sampled + excluded.sampled,
    excused = excused + excluded.excused`;
  return `
    INSERT INTO roster_counts (dimension, grid, key, version, on_roster, sampled, excused) VALUES ('grid', ${row}.grid, '', ${values}) ${add};
    INSERT INTO roster_counts (dimension, grid, key, version, on_roster, sampled, excused)
      VALUES ('building', ${row}.grid, ${row}.building, ${values}) ${add};
    INSERT INTO roster_counts (dimension, grid, key, version, on_roster, sampled, excused)
      SELECT 'tag', '', value, ${values} FROM json_each(${row}.tags) WHERE true ${add};
    INSERT INTO roster_hours (version, hour, sampled) SELECT ${row}.version, strftime('%Y-%m-%d %H', ${row}.sampled_at, 'localtime'), ${sign}
      WHERE ${sampled} ON CONFLICT DO UPDATE SET sampled = sampled + excluded.sampled;`;
}

export const migration014: Migration = {
  version: 14,
  name: "the community's roster and its coverage in the round",
  up(db) {
    db.exec(`
      CREATE TABLE roster_round (
        id           INTEGER PRIMARY KEY CHECK (id = 1),
        first_day    TEXT NOT NULL,
        last_day     TEXT NOT NULL CHECK (last_day >= first_day),
        -- 1: the round is today, whichever day that is; 0: the days the manager set.
        follows_today INTEGER NOT NULL CHECK (follows_today IN (0, 1))
      ) STRICT;
      INSERT INTO roster_round VALUES (1, date('now', 'localtime'), date('now', 'localtime'), 1);

      CREATE TABLE roster_state (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL) STRICT;
      INSERT INTO roster_state VALUES (1, 0);

      CREATE TABLE roster_people (
        id             TEXT NOT NULL,
        version        INTEGER NOT NULL,
        doc_type       TEXT NOT NULL,
        doc_number     TEXT NOT NULL,
        name           TEXT NOT NULL,
        phone          TEXT NOT NULL,
        grid           TEXT NOT NULL,
        building       TEXT NOT NULL,
        unit           TEXT NOT NULL,
        room           TEXT NOT NULL,
        address        TEXT NOT NULL,
        -- grid, building, unit and room with every run of digits padded: sorts 2栋 before 10栋.
        address_key    TEXT NOT NULL,
        tags           TEXT NOT NULL CHECK (json_valid(tags) AND json_type(tags) = 'array'),
        added_at       TEXT NOT NULL,
        updated_at     TEXT NOT NULL,
        removed_at     TEXT,
        removed_reason TEXT,
        sampled_at     TEXT,
        excused_reason TEXT CHECK (excused_reason IN ('away', 'hospital', 'sampled-elsewhere', 'refused', 'other')),
        excused_note   TEXT,
        excused_at     TEXT,
        excused_by     TEXT,
        PRIMARY KEY (id, version),
        UNIQUE (doc_type, doc_number, version)
      ) STRICT;
      CREATE INDEX roster_people_address ON roster_people (version, address_key);

      CREATE TABLE roster_counts (
        version   INTEGER NOT NULL,
        dimension TEXT NOT NULL CHECK (dimension IN ('grid', 'building', 'tag')),
        grid      TEXT NOT NULL,
        key       TEXT NOT NULL,
        on_roster INTEGER NOT NULL,
        sampled   INTEGER NOT NULL,
        excused   INTEGER NOT NULL,
        PRIMARY KEY (version, dimension, grid, key)
      ) STRICT;

      CREATE TABLE roster_hours (version INTEGER NOT NULL, hour TEXT NOT NULL, sampled INTEGER NOT NULL, PRIMARY KEY (version, hour)) STRICT;

      CREATE TRIGGER roster_counted AFTER INSERT ON roster_people BEGIN ${count('NEW', 1)} END;
      -- A person new to the roster may have come already.
      CREATE TRIGGER roster_person_added AFTER INSERT ON roster_people BEGIN ${resample('id = NEW.id AND version = NEW.version')} END;
      CREATE TRIGGER roster_uncounted AFTER DELETE ON roster_people BEGIN ${count('OLD', -1)} END;
      -- Most updates change nothing counted (a scan of someone sampled already, a person not sampled yet resampled).
      CREATE TRIGGER roster_recounted AFTER UPDATE OF grid, building, tags, removed_at, sampled_at, excused_at ON roster_people
        WHEN OLD.grid IS NOT NEW.grid OR OLD.building IS NOT NEW.building OR OLD.tags IS NOT NEW.tags
          OR OLD.removed_at IS NOT NEW.removed_at OR OLD.sampled_at IS NOT NEW.sampled_at OR OLD.excused_at IS NOT NEW.excused_at
      BEGIN ${count('OLD', -1)} ${count('NEW', 1)} END;

      CREATE TRIGGER roster_registered AFTER INSERT ON registrations
      BEGIN ${resample('doc_type = NEW.doc_type AND doc_number = NEW.doc_number')} END;
      CREATE TRIGGER roster_registration_changed AFTER UPDATE OF status, doc_type, doc_number, day ON registrations
      BEGIN ${resample('(doc_type = OLD.doc_type AND doc_number = OLD.doc_number) OR (doc_type = NEW.doc_type AND doc_number = NEW.doc_number)')} END;
      CREATE TRIGGER roster_registration_purged AFTER DELETE ON registrations
      BEGIN ${resample('doc_type = OLD.doc_type AND doc_number = OLD.doc_number')} END;
      CREATE TRIGGER roster_tube_voided AFTER UPDATE OF voided_at ON tubes
      BEGIN ${resample(inTube('registrations', 'NEW.id'))} END;

      -- A tube voided here, or another PC's tube folded again, finds its registrations by tube (the indexes there
      -- are of registrations not removed).
      CREATE INDEX registrations_tube ON registrations (tube_id);
      CREATE INDEX mirror_registrations_tube ON mirror_registrations (tube_id);
      CREATE TRIGGER roster_mirror_registered AFTER INSERT ON mirror_registrations
      BEGIN ${resample('doc_type = NEW.doc_type AND doc_number = NEW.doc_number')} END;
      CREATE TRIGGER roster_mirror_registration_changed AFTER UPDATE ON mirror_registrations
      BEGIN ${resample('(doc_type = OLD.doc_type AND doc_number = OLD.doc_number) OR (doc_type = NEW.doc_type AND doc_number = NEW.doc_number)')} END;
      CREATE TRIGGER roster_mirror_registration_gone AFTER DELETE ON mirror_registrations
      BEGIN ${resample('doc_type = OLD.doc_type AND doc_number = OLD.doc_number')} END;
      CREATE TRIGGER roster_mirror_tube_folded AFTER INSERT ON mirror_tubes
      BEGIN ${resample(inTube('mirror_registrations', 'NEW.tube_id'))} END;
      CREATE TRIGGER roster_mirror_tube_changed AFTER UPDATE OF voided_at ON mirror_tubes
      BEGIN ${resample(inTube('mirror_registrations', 'NEW.tube_id'))} END;

      CREATE TRIGGER roster_round_changed AFTER UPDATE ON roster_round BEGIN ${resample('true')} END;
    `);
  },
};

/** What the triggers run on every registration, tube and mirror change: a test reads their query plans. */
export const ROSTER_TRIGGER_SEARCHES = {
  person: resample('doc_type = @docType AND doc_number = @docNumber'),
  tube: resample(inTube('registrations', '@tubeId')),
  mirrorTube: resample(inTube('mirror_registrations', '@tubeId')),
};
