// What the console reads of the site tables, for one day in the hub's time zone. Every query is bounded by the site
// it is asked about; a registration is masked here, before it leaves the hub, unless an officer opens it, and that
// opening is written to the audit in the same transaction that reads it.
import type pg from 'pg';
import { maskIdNumber, maskName, maskPhone } from '../../core/domain/mask';
import type { RegistrationRow as FoldedRegistration } from '../../core/siteFacts/fold';
import type { FullRegistration, MaskedRegistration, Me, SiteAnswer, SiteSummary } from './schemas';

/** The day's bounds: from its midnight to the next, in the hub's time zone. */
export interface Day {
  day: string;
  from: Date;
  to: Date;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function dayOf(day?: string): Day {
  const start = day ? new Date(`${day}T00:00:00`) : new Date();
  const from = new Date(start.getFullYear(), start.getMonth(), start.getDate());
  const to = new Date(from.getFullYear(), from.getMonth(), from.getDate() + 1);
  return { day: `${from.getFullYear()}-${pad(from.getMonth() + 1)}-${pad(from.getDate())}`, from, to };
}

const iso = (value: Date | null) => (value === null ? null : value.toISOString());

/** Each site's counts for the day; one row per site, in code order ($3: one site only, or null for all). */
const SITE_SUMMARIES = `
  SELECT s.code, s.name,
    (SELECT count(*) FROM stations st WHERE st.site_code = s.code AND st.enrolled)::int AS stations,
    (SELECT max(st.last_seen) FROM stations st WHERE st.site_code = s.code AND st.enrolled) AS last_contact,
    (SELECT count(*) FROM conflicts c WHERE c.site_code = s.code)::int AS conflicts,
    (SELECT count(*) FROM registrations r WHERE r.site_code = s.code AND r.status = 'active'
       AND r.added_at >= $1 AND r.added_at < $2)::int AS people,
    (SELECT count(*) FILTER (WHERE t.status = 'open') FROM tubes t WHERE t.site_code = s.code AND t.voided_at IS NULL
       AND t.opened_at >= $1 AND t.opened_at < $2)::int AS tubes_open,
    (SELECT count(*) FILTER (WHERE t.status = 'sealed') FROM tubes t WHERE t.site_code = s.code AND t.voided_at IS NULL
       AND t.opened_at >= $1 AND t.opened_at < $2)::int AS tubes_sealed,
    (SELECT count(*) FROM bags b WHERE b.site_code = s.code AND b.opened_at >= $1 AND b.opened_at < $2)::int AS bags,
    (SELECT count(*) FILTER (WHERE b.status = 'sealed') FROM bags b WHERE b.site_code = s.code
       AND b.opened_at >= $1 AND b.opened_at < $2)::int AS bags_sealed,
    (SELECT count(*) FROM handovers h WHERE h.site_code = s.code AND h.handed_at >= $1 AND h.handed_at < $2)::int AS handovers
  FROM sites s WHERE $3::text IS NULL OR s.code = $3 ORDER BY s.code`;

interface SummaryRow {
  code: string;
  name: string | null;
  stations: number;
  last_contact: Date | null;
  conflicts: number;
  people: number;
  tubes_open: number;
  tubes_sealed: number;
  bags: number;
  bags_sealed: number;
  handovers: number;
}

const summaryOf = (row: SummaryRow): SiteSummary => ({
  code: row.code,
  name: row.name,
  stations: row.stations,
  lastContact: iso(row.last_contact),
  conflicts: row.conflicts,
  totals: {
    people: row.people,
    tubesOpen: row.tubes_open,
    tubesSealed: row.tubes_sealed,
    bags: row.bags,
    bagsSealed: row.bags_sealed,
    handovers: row.handovers,
  },
});

export async function siteSummaries(pool: pg.Pool, day: Day, siteCode: string | null = null): Promise<SiteSummary[]> {
  const { rows } = await pool.query<SummaryRow>(SITE_SUMMARIES, [day.from, day.to, siteCode]);
  return rows.map(summaryOf);
}

/** A site's stations, desks and handovers of the day; null for a site the hub does not know. */
export async function siteOfDay(pool: pg.Pool, day: Day, siteCode: string): Promise<Omit<SiteAnswer, 'day'> | null> {
  const [site] = await siteSummaries(pool, day, siteCode);
  if (!site) return null;
  const stations = await pool.query<{
    station_id: string;
    label: string | null;
    last_seen: Date;
    facts_today: number;
    backlog_waiting: number | null;
    backlog_oldest_at: Date | null;
  }>(
    `SELECT st.station_id, st.label, st.last_seen, st.backlog_waiting, st.backlog_oldest_at,
       (SELECT count(*) FROM facts f WHERE f.station_id = st.station_id AND f.at >= $2 AND f.at < $3)::int AS facts_today
     FROM stations st WHERE st.site_code = $1 AND st.enrolled ORDER BY st.label, st.station_id`,
    [siteCode, day.from, day.to],
  );
  const desks = await pool.query<{ station_id: string; desk: string; tubes: number; last_opened_at: Date; open_tube: string | null }>(
    `SELECT d.station_id, d.desk, d.tubes, d.last_opened_at, t.barcode AS open_tube
     FROM desks d LEFT JOIN tubes t ON t.site_code = d.site_code AND t.tube_id = d.open_tube_id
     WHERE d.site_code = $1 AND d.last_opened_at >= $2 AND d.first_opened_at < $3 ORDER BY d.station_id, d.desk`,
    [siteCode, day.from, day.to],
  );
  const handovers = await pool.query<{
    handover_id: string;
    number: string;
    station_id: string;
    handed_at: Date;
    courier_name: string;
    bags: number;
    temperature: number | null;
  }>(
    `SELECT h.handover_id, h.number, h.station_id, h.handed_at, h.courier_name, h.temperature,
       (SELECT count(*) FROM handover_bags hb WHERE hb.site_code = h.site_code AND hb.handover_id = h.handover_id)::int AS bags
     FROM handovers h WHERE h.site_code = $1 AND h.handed_at >= $2 AND h.handed_at < $3 ORDER BY h.handed_at, h.number`,
    [siteCode, day.from, day.to],
  );
  return {
    site,
    stations: stations.rows.map((row) => ({
      stationId: row.station_id,
      label: row.label,
      lastContact: row.last_seen.toISOString(),
      factsToday: row.facts_today,
      backlog: row.backlog_waiting === null ? null : { waiting: row.backlog_waiting, oldestAt: row.backlog_oldest_at?.toISOString() ?? null },
    })),
    desks: desks.rows.map((row) => ({
      stationId: row.station_id,
      desk: row.desk,
      tubes: row.tubes,
      lastOpenedAt: row.last_opened_at.toISOString(),
      openTube: row.open_tube,
    })),
    handovers: handovers.rows.map((row) => ({
      handoverId: row.handover_id,
      number: row.number,
      stationId: row.station_id,
      handedAt: row.handed_at.toISOString(),
      courierName: row.courier_name,
      bags: row.bags,
      temperature: row.temperature,
    })),
  };
}

/** The registrations table's row as the folds write it, with its tube's barcode and the status the table derives. */
type RegistrationRow = Omit<FoldedRegistration, 'site_code' | 'tube_id' | 'source' | 'removed_at' | 'voided_at'> & {
  tube_barcode: string | null;
  status: 'active' | 'removed' | 'voided' | null;
};

const REGISTRATION_COLUMNS = `r.registration_id, t.barcode AS tube_barcode, r.station_id, r.position, r.status, r.added_at, r.doc_type,
  r.doc_number, r.name, r.phone, r.sex, r.birth_date, r.corrected_at, r.void_reason`;
const REGISTRATION_FROM = 'registrations r LEFT JOIN tubes t ON t.site_code = r.site_code AND t.tube_id = r.tube_id';

const baseOf = (row: RegistrationRow) => ({
  registrationId: row.registration_id,
  tubeBarcode: row.tube_barcode,
  stationId: row.station_id,
  position: row.position,
  status: row.status,
  addedAt: iso(row.added_at),
});

/** At most this many of a day's registrations in one answer, the newest first. */
export const REGISTRATIONS_SHOWN = 500;

export async function maskedRegistrations(pool: pg.Pool, day: Day, siteCode: string): Promise<MaskedRegistration[]> {
  const { rows } = await pool.query<RegistrationRow>(
    `SELECT ${REGISTRATION_COLUMNS} FROM ${REGISTRATION_FROM}
     WHERE r.site_code = $1 AND r.added_at >= $2 AND r.added_at < $3 ORDER BY r.added_at DESC, r.registration_id LIMIT ${REGISTRATIONS_SHOWN}`,
    [siteCode, day.from, day.to],
  );
  return rows.map((row) => ({
    ...baseOf(row),
    name: maskName(row.name ?? ''),
    docNumber: maskIdNumber(row.doc_number ?? ''),
    phone: maskPhone(row.phone ?? ''),
  }));
}

/** One registration in full, with the audit row of who opened it, in one transaction; null if there is none. */
export async function openRegistration(pool: pg.Pool, user: Me, siteCode: string, registrationId: string): Promise<FullRegistration | null> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<RegistrationRow>(
      `SELECT ${REGISTRATION_COLUMNS} FROM ${REGISTRATION_FROM} WHERE r.site_code = $1 AND r.registration_id = $2`,
      [siteCode, registrationId],
    );
    if (rows.length === 0) {
      await client.query('ROLLBACK');
      return null;
    }
    await client.query("INSERT INTO console_audit (user_name, action, site_code, registration_id) VALUES ($1, 'registration.viewed', $2, $3)", [
      user.name,
      siteCode,
      registrationId,
    ]);
    await client.query('COMMIT');
    const row = rows[0];
    return {
      ...baseOf(row),
      name: row.name,
      docType: row.doc_type,
      docNumber: row.doc_number,
      phone: row.phone,
      sex: row.sex,
      birthDate: row.birth_date,
      correctedAt: iso(row.corrected_at),
      voidReason: row.void_reason,
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
