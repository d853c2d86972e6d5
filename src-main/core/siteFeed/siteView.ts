// The whole site as the manager's window shows it beside this PC's desks: every other PC (its label, when it last
// uploaded, each of its desks with the tube open there and the people registered today) and the site's totals,
// this PC's and the mirror's together. As far as the mirror knows: a PC not heard from lately may have done more.
import { z } from 'zod';
import { localDay, type Clock } from '../clock';
import type { Db } from '../db/database';
import type { Totals } from '../site/totals';

const otherDeskSchema = z.object({
  desk: z.string(),
  tube: z.object({ barcode: z.string(), count: z.number().int(), capacity: z.number().int(), openedAt: z.string() }).nullable(),
  peopleToday: z.number().int(),
  lastScanAt: z.string().nullable(),
});
type OtherDesk = z.output<typeof otherDeskSchema>;

export const otherPcSchema = z.object({
  stationId: z.string(),
  /** The label its token was enrolled with at the hub ('' when the hub named none). */
  label: z.string(),
  /** When the hub last had an upload from it. */
  lastSeen: z.string().nullable(),
  desks: z.array(otherDeskSchema),
});
type OtherPc = z.output<typeof otherPcSchema>;

/** Mirror searches the live view makes, each through an index (tests/integration/queryPlans.test.ts). */
export const SITE_VIEW_SEARCHES = {
  openTubes: `SELECT station_id AS stationId, desk, barcode, people, capacity, opened_at AS openedAt FROM mirror_tubes
              WHERE status = 'open' AND voided_at IS NULL AND desk IS NOT NULL`,
  peopleOn: `SELECT r.station_id AS stationId, t.desk, count(*) AS people, max(r.added_at) AS lastScanAt
             FROM mirror_registrations r JOIN mirror_tubes t ON t.tube_id = r.tube_id
             WHERE r.day = ? AND r.removed_at IS NULL AND r.voided_at IS NULL AND t.desk IS NOT NULL
             GROUP BY r.station_id, t.desk`,
  sealedOn: "SELECT count(*) FROM mirror_tubes WHERE day = ? AND status = 'sealed' AND voided_at IS NULL",
} as const;

export function createSiteView(db: Db, clock: Clock, totals: () => Totals) {
  const stations = db.prepare<[], { stationId: string; label: string; lastSeen: string | null }>(
    'SELECT station_id AS stationId, label, last_seen AS lastSeen FROM mirror_stations ORDER BY label, station_id',
  );
  const openTubes = db.prepare<[], { stationId: string; desk: string; barcode: string; people: number; capacity: number; openedAt: string }>(
    SITE_VIEW_SEARCHES.openTubes,
  );
  const peopleOn = db.prepare<[string], { stationId: string; desk: string; people: number; lastScanAt: string }>(SITE_VIEW_SEARCHES.peopleOn);
  const sealedOn = db.prepare<[string], number>(SITE_VIEW_SEARCHES.sealedOn).pluck();

  return {
    otherPcs(): OtherPc[] {
      const day = localDay(clock());
      const pcs = new Map<string, OtherPc>(stations.all().map((pc) => [pc.stationId, { ...pc, desks: [] }]));
      const deskOf = (stationId: string, code: string): OtherDesk => {
        let pc = pcs.get(stationId);
        if (!pc) pcs.set(stationId, (pc = { stationId, label: '', lastSeen: null, desks: [] }));
        let desk = pc.desks.find((d) => d.desk === code);
        if (!desk) pc.desks.push((desk = { desk: code, tube: null, peopleToday: 0, lastScanAt: null }));
        return desk;
      };
      for (const row of openTubes.all()) {
        deskOf(row.stationId, row.desk).tube = { barcode: row.barcode, count: row.people, capacity: row.capacity, openedAt: row.openedAt };
      }
      for (const row of peopleOn.all(day)) Object.assign(deskOf(row.stationId, row.desk), { peopleToday: row.people, lastScanAt: row.lastScanAt });
      for (const pc of pcs.values()) pc.desks.sort((a, b) => Number(a.desk) - Number(b.desk) || a.desk.localeCompare(b.desk));
      return [...pcs.values()];
    },

    /** This PC's totals with the other PCs' added, as far as the mirror knows them. */
    siteTotals(): Totals {
      const own = totals();
      const open = openTubes.all().length;
      const people = peopleOn.all(own.day).reduce((sum, row) => sum + row.people, 0);
      return {
        day: own.day,
        peopleToday: own.peopleToday + people,
        openTubes: own.openTubes + open,
        sealedTubesToday: own.sealedTubesToday + (sealedOn.get(own.day) ?? 0),
      };
    },
  };
}
