// The manager's live view of every desk: its open tube and fill, when it last registered somebody, how many
// people it registered in each hour of the day, who is signed in there and its devices.
import { z } from 'zod';
import type { Db } from '../db/database';
import { localDay, type Clock } from '../clock';
import { sessionKey } from '../calls/caller';
import { deviceStateSchema } from '../domain/devices';
import type { Sessions } from '../operators/sessions';
import type { DeskReadings } from '../registration/deskReadings';

export const deskActivitySchema = z.object({
  desk: z.string(),
  tube: z.object({ barcode: z.string(), count: z.number().int(), capacity: z.number().int(), openedAt: z.string() }).nullable(),
  /** When this desk last registered somebody today. */
  lastScanAt: z.string().nullable(),
  /** People registered in each hour of today, 0 to 23, local time. */
  perHour: z.array(z.number().int()).length(24),
});
export type DeskActivity = z.output<typeof deskActivitySchema>;

export const deskLiveSchema = deskActivitySchema.extend({
  /** Who is signed in there, and whether the desk is locked. */
  operator: z.string().nullable(),
  locked: z.boolean(),
  devices: z.array(deviceStateSchema),
});

export function createDeskActivity(db: Db, clock: Clock) {
  const known = db.prepare<[], string>('SELECT code FROM desks').pluck();
  const open = db.prepare<[], { desk: string; barcode: string; capacity: number; opened_at: string; count: number }>(
    `SELECT t.desk, t.barcode, t.capacity, t.opened_at,
            (SELECT count(*) FROM registrations r WHERE r.tube_id = t.id AND r.status = 'active') AS count
     FROM tubes t WHERE t.status = 'open'`,
  );
  // The local hour of a stored UTC time, from the day's offset from UTC with arithmetic: SQLite's
  // strftime(…, 'localtime') took 20 ms for a day of 10,000 people. (On a day the clocks change, the hours before the
  // change shift by one.)
  const HOUR = `((CAST(substr(r.created_at, 12, 2) AS INTEGER) * 60 + CAST(substr(r.created_at, 15, 2) AS INTEGER)
                 + @offsetMinutes + 1440) / 60) % 24`;
  // The day's active registrations after a row id, with their desk and local hour. From row 0 it is the whole day;
  // after that only what came since, so the push four times a second reads a few rows, not the day.
  const since = db.prepare<{ day: string; offsetMinutes: number; after: number }, { rowid: number; desk: string; hour: number; at: string }>(
    `SELECT r.rowid AS rowid, t.desk, ${HOUR} AS hour, r.created_at AS at
     FROM registrations r JOIN tubes t ON t.id = r.tube_id
     WHERE r.rowid > @after AND r.day = @day AND r.status = 'active'`,
  );
  // The day's active registrations, as migration 3's triggers count them: when it is less than what was counted
  // here, somebody left the day (an undo, a void) and the day is counted again.
  const peopleToday = db.prepare<[string], number>('SELECT people FROM day_counts WHERE day = ?').pluck();

  let counted: {
    day: string;
    offsetMinutes: number;
    afterRowid: number;
    people: number;
    desks: Map<string, { perHour: number[]; last: string | null }>;
  } | null = null;

  /** Adds the day's active registrations since the last look to what was counted (from nothing, on a new day). */
  function countSince(day: string, offsetMinutes: number) {
    if (!counted || counted.day !== day || counted.offsetMinutes !== offsetMinutes) {
      counted = { day, offsetMinutes, afterRowid: 0, people: 0, desks: new Map() };
    }
    for (const row of since.all({ day, offsetMinutes, after: counted.afterRowid })) {
      let desk = counted.desks.get(row.desk);
      if (!desk) counted.desks.set(row.desk, (desk = { perHour: Array.from({ length: 24 }, () => 0), last: null }));
      desk.perHour[row.hour] += 1;
      if (!desk.last || row.at > desk.last) desk.last = row.at;
      counted.afterRowid = Math.max(counted.afterRowid, row.rowid);
      counted.people += 1;
    }
    return counted;
  }

  function hourCounts(now: Date) {
    const day = localDay(now);
    const offsetMinutes = -now.getTimezoneOffset();
    let current = countSince(day, offsetMinutes);
    // More counted than the day holds: somebody counted before left it since (an undo, a void). Count it again.
    if (current.people !== (peopleToday.get(day) ?? 0)) {
      counted = null;
      current = countSince(day, offsetMinutes);
    }
    return current.desks;
  }

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
    for (const [code, counts] of hourCounts(clock())) {
      const activity = desk(code);
      activity.perHour = [...counts.perHour];
      activity.lastScanAt = counts.last;
    }
    return [...desks.values()].sort((a, b) => Number(a.desk) - Number(b.desk) || a.desk.localeCompare(b.desk));
  };
}

/** Every desk with its activity, who is signed in there and its devices, for the manager's live view. */
export function createLiveDesks(deskActivity: ReturnType<typeof createDeskActivity>, readings: DeskReadings, sessions: Sessions) {
  return (): z.output<typeof deskLiveSchema>[] => {
    const devices = readings.states();
    const deviceDesks = devices.flatMap((device) => (device.desk === null ? [] : [device.desk]));
    return deskActivity([...deviceDesks, ...sessions.signedInDesks()]).map((activity) => {
      const session = sessions.state(sessionKey({ role: 'clerk', desk: activity.desk }), 'clerk');
      return {
        ...activity,
        operator: session.operator?.name ?? null,
        locked: session.locked,
        devices: devices.filter((device) => device.desk === activity.desk),
      };
    });
  };
}
