import type { Migration } from './migration';

/** The longest operator name the core accepts: a name made unique here stays within it. */
const MAX_NAME = 40;

// Two operators may no longer share a name (a sign-in row and the trail must tell them apart), compared as SQLite's
// NOCASE does (ASCII letters in either case). A database that already holds such names keeps the oldest operator's
// name as it is and renames each later one "NAME (2)", "NAME (3)"… (nobody is lost: the trail names operators by
// id). Operators get an optional staff number. A handover keeps the site's name and code and who handed over as they
// were at that moment, so a manifest reprinted later reads as the one signed; handovers made before this version take
// the site's name and code of now, and the manager from the handover's audit row. Handovers are listed by day.
export const migration012: Migration = {
  version: 12,
  name: 'unique operator names, staff numbers, and who handed over',
  up(db) {
    const operators = db
      .prepare<[], { id: string; name: string }>('SELECT id, name FROM operators ORDER BY created_at, rowid')
      .all();
    const taken = new Set(operators.map((operator) => operator.name.toLowerCase()));
    const seen = new Set<string>();
    const rename = db.prepare('UPDATE operators SET name = ? WHERE id = ?');
    for (const { id, name } of operators) {
      if (!seen.has(name.toLowerCase())) {
        seen.add(name.toLowerCase());
        continue;
      }
      let n = 2;
      let unique: string;
      do {
        const suffix = ` (${n++})`;
        unique = [...name].slice(0, MAX_NAME - suffix.length).join('').trimEnd() + suffix;
      } while (taken.has(unique.toLowerCase()));
      taken.add(unique.toLowerCase());
      seen.add(unique.toLowerCase());
      rename.run(unique, id);
    }

    const setting = (key: string) => {
      const row = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?').get(key);
      const value = row ? (JSON.parse(row.value) as unknown) : '';
      return typeof value === 'string' ? value : '';
    };
    db.exec(`
      CREATE UNIQUE INDEX operators_name ON operators (name COLLATE NOCASE);
      ALTER TABLE operators ADD COLUMN staff_number TEXT;

      ALTER TABLE handovers ADD COLUMN site_name TEXT NOT NULL DEFAULT '';
      ALTER TABLE handovers ADD COLUMN site_code TEXT NOT NULL DEFAULT '';
      ALTER TABLE handovers ADD COLUMN handed_by TEXT;
      CREATE INDEX handovers_day ON handovers (day, number);
    `);
    db.prepare('UPDATE handovers SET site_name = ?, site_code = ?').run(setting('siteName'), setting('siteCode'));
    // The handover's audit row names its actor "manager:<operator id>".
    db.exec(`
      UPDATE handovers SET handed_by = (
        SELECT o.name FROM audit a JOIN operators o ON a.actor = 'manager:' || o.id
        WHERE a.kind = 'handover' AND a.subject = handovers.id
      )
    `);
  },
};
