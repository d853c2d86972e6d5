// The manager's live view of every desk: its open tube and fill, when it last registered somebody, and how many
// people it registered in each hour of the day.
import type { Db } from '../db/database';
import { localDay, type Clock } from '../clock';

export interface DeskActivity {
  desk: string;
  tube: { barcode: string; count: number; capacity: number; openedAt: string } | null;
  /** When this desk last registered somebody today. */
  lastScanAt: string | null;
  /** People registered in each hour of today, 0 to 23, local time. */
  perHour: number[];
}

export function createDeskActivity(db: Db, clock: Clock) {
  const known = db.prepare<[], string>('SELECT code FROM desks').pluck();
  const open = db.prepare<[], { desk: string; barcode: string; capacity: number; opened_at: string; count: number }>(
    `SELECT t.desk, t.barcode, t.capacity, t.opened_at,
            (SELECT count(*) FROM registrations r WHERE r.tube_id = t.id AND r.status = 'active') AS count
     FROM tubes t WHERE t.status = 'open'`,
  );
  // The day's registrations by desk and local hour. The hour is worked out from the stored UTC time and the day's
  // offset from UTC with arithmetic: SQLite's strftime(…, 'localtime') took 20 ms for a day of 10,000 people, on
  // the desks' thread four times a second. (On a day the clocks change, the hours before the change shift by one.)
  const hours = db.prepare<{ day: string; offsetMinutes: number }, { desk: string; hour: number; people: number; last: string }>(
    // Counted per tube first, so each tube's desk is looked up once rather than once per person.
    `SELECT t.desk, r.hour, sum(r.people) AS people, max(r.last) AS last
     FROM (SELECT tube_id,
                  ((CAST(substr(created_at, 12, 2) AS INTEGER) * 60 + CAST(substr(created_at, 15, 2) AS INTEGER)
                    + @offsetMinutes + 1440) / 60) % 24 AS hour,
                  count(*) AS people, max(created_at) AS last
           FROM registrations WHERE day = @day AND status = 'active'
           GROUP BY tube_id, hour) r
     JOIN tubes t ON t.id = r.tube_id
     GROUP BY t.desk, r.hour`,
  );

  /** Every desk named here or by `alsoDesks` (a desk signed in or with devices, though it registered nobody yet). */
  return (alsoDesks: Iterable<string> = []): DeskActivity[] => {
    const desks = new Map<string, DeskActivity>();
    const desk = (code: string) => {
      let found = desks.get(code);
      if (!found) {
        found = { desk: code, tube: null, lastScanAt: null, perHour: Array.from({ length: 24 }, () => 0) };
        desks.set(code, found);
      }
      return found;
    };
    for (const code of [...known.all(), ...alsoDesks]) desk(code);
    for (const row of open.all()) {
      desk(row.desk).tube = { barcode: row.barcode, count: row.count, capacity: row.capacity, openedAt: row.opened_at };
    }
    const now = clock();
    for (const row of hours.all({ day: localDay(now), offsetMinutes: -now.getTimezoneOffset() })) {
      const activity = desk(row.desk);
      activity.perHour[row.hour] = row.people;
      if (!activity.lastScanAt || row.last > activity.lastScanAt) activity.lastScanAt = row.last;
    }
    return [...desks.values()].sort((a, b) => Number(a.desk) - Number(b.desk) || a.desk.localeCompare(b.desk));
  };
}
