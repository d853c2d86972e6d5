// The people of the roster not sampled yet in the round, by address as a grid worker walks it, with the filters the
// manager chose: masked unless the list is asked for in full. With `includeExcused`, the excused come too, each with
// why, by whom and when, so an excuse can be undone.
import type { Db } from '../db/database';
import { maskIdNumber, maskName, maskPhone } from '../domain/mask';
import type { ExcuseReason, NotYetFilter, RosterRow } from './schemas';

interface Stored {
  id: string;
  name: string;
  docNumber: string;
  phone: string;
  grid: string;
  building: string;
  unit: string;
  room: string;
  address: string;
  tags: string;
  excusedReason: ExcuseReason | null;
  excusedNote: string | null;
  excusedAt: string | null;
  excusedBy: string | null;
}

const COLUMNS = `id, name, doc_number AS docNumber, phone, grid, building, unit, room, address, tags,
  excused_reason AS excusedReason, excused_note AS excusedNote, excused_at AS excusedAt, excused_by AS excusedBy`;

const SHOWN = 'version = (SELECT version FROM roster_state)';

const NOT_YET = `${SHOWN} AND removed_at IS NULL AND sampled_at IS NULL AND (@includeExcused OR excused_at IS NULL)
  AND (@grid IS NULL OR grid = @grid) AND (@building IS NULL OR building = @building) AND (@unit IS NULL OR unit = @unit)
  AND (@tag IS NULL OR EXISTS (SELECT 1 FROM json_each(tags) WHERE value = @tag))`;

interface Bound {
  grid: string | null;
  building: string | null;
  unit: string | null;
  tag: string | null;
  includeExcused: number;
}

function bound(filter: NotYetFilter, includeExcused: boolean): Bound {
  return { grid: filter.grid ?? null, building: filter.building ?? null, unit: filter.unit ?? null, tag: filter.tag ?? null, includeExcused: includeExcused ? 1 : 0 };
}

export function rowOf(stored: Stored, full: boolean): RosterRow {
  return {
    id: stored.id,
    name: full ? stored.name : maskName(stored.name),
    docNumber: full ? stored.docNumber : maskIdNumber(stored.docNumber),
    phone: full ? stored.phone : maskPhone(stored.phone),
    grid: stored.grid,
    building: stored.building,
    unit: stored.unit,
    room: stored.room,
    address: stored.address,
    tags: JSON.parse(stored.tags) as string[],
    excused:
      stored.excusedReason === null
        ? null
        : { reason: stored.excusedReason, note: stored.excusedNote ?? '', at: stored.excusedAt ?? '', by: stored.excusedBy ?? '' },
  };
}

/** A page of the list walks the roster in address order through its index, never sorting it whole. */
export const NOT_YET_PAGE = `SELECT ${COLUMNS} FROM roster_people WHERE ${NOT_YET} ORDER BY address_key LIMIT @limit OFFSET @offset`;

export function createNotYet(db: Db) {
  const page = db.prepare<Bound & { limit: number; offset: number }, Stored>(NOT_YET_PAGE);
  const total = db.prepare<Bound, number>(`SELECT count(*) FROM roster_people WHERE ${NOT_YET}`).pluck();
  const all = db.prepare<Bound, Stored>(`SELECT ${COLUMNS} FROM roster_people WHERE ${NOT_YET} ORDER BY address_key`);
  const one = db.prepare<[string], Stored>(`SELECT ${COLUMNS} FROM roster_people WHERE id = ? AND ${SHOWN}`);

  return {
    page(request: { filter: NotYetFilter; includeExcused: boolean; full: boolean; offset: number; limit: number }) {
      const where = bound(request.filter, request.includeExcused);
      return {
        total: total.get(where) ?? 0,
        people: page.all({ ...where, limit: request.limit, offset: request.offset }).map((stored) => rowOf(stored, request.full)),
      };
    },

    /** Every one of them, for a file: read as the file is written. */
    *all(filter: NotYetFilter, full: boolean): Generator<RosterRow> {
      for (const stored of all.iterate(bound(filter, false))) yield rowOf(stored, full);
    },

    /** One person as the not-yet list shows them, masked; undefined when the roster has no such person. */
    person(id: string): RosterRow | undefined {
      const stored = one.get(id);
      return stored && rowOf(stored, false);
    },
  };
}

export type NotYet = ReturnType<typeof createNotYet>;
