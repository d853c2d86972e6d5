// The clerk's loop at one desk: open a tube, add people up to N, seal it (full, early, or replaced).
// Each step is one immediate transaction; a refusal returns before anything is written.
import { randomUUID } from 'node:crypto';
import type { Db } from '../db/database';
import { localDay, type Clock } from '../clock';
import { maskIdNumber, maskName } from '../domain/mask';
import { checkPerson, type Person, type PersonProblem } from '../domain/person';
import { classifyScan } from '../domain/scan';
import { readSiteSettings, tubeRegExp } from '../site/settings';

export type LoopProblem =
  | 'no-open-tube'
  | 'tube-already-used'
  | 'person-already-in-tube'
  | 'tube-empty'
  | 'scan-too-long'
  | 'scan-control-characters'
  | 'code-unknown'
  | PersonProblem;

export interface PersonSummary {
  position: number;
  name: string;
  idNumber: string;
}

export interface TubeView {
  barcode: string;
  capacity: number;
  openedAt: string;
  people: PersonSummary[];
}

export interface SealedTube {
  barcode: string;
  count: number;
  capacity: number;
}

export interface DeskState {
  desk: string;
  tube: TubeView | null;
}

export type ScanOutcome =
  | { result: 'tube-opened'; tube: TubeView; sealedBefore: SealedTube | null }
  | { result: 'person-added'; person: PersonSummary; tube: SealedTube; sealed: boolean }
  | { result: 'refused'; problem: LoopProblem };

export type SealOutcome = { result: 'sealed'; tube: SealedTube } | { result: 'refused'; problem: LoopProblem };

interface TubeRow {
  id: string;
  barcode: string;
  capacity: number;
  opened_at: string;
}

export function createTubeLoop(db: Db, clock: Clock) {
  const openTubeAt = db.prepare<[string], TubeRow>(
    "SELECT id, barcode, capacity, opened_at FROM tubes WHERE desk = ? AND status = 'open'",
  );
  const barcodeInUse = db.prepare<[string], { id: string }>(
    "SELECT id FROM tubes WHERE barcode = ? AND status <> 'discarded'",
  );
  const insertTube = db.prepare(
    `INSERT INTO tubes (id, barcode, desk, capacity, status, opened_at, day)
     VALUES (@id, @barcode, @desk, @capacity, 'open', @openedAt, @day)`,
  );
  const closeTube = db.prepare(
    'UPDATE tubes SET status = @status, seal_reason = @reason, closed_at = @closedAt WHERE id = @id',
  );
  const peopleIn = db.prepare<[string], { position: number; name: string; doc_number: string }>(
    'SELECT position, name, doc_number FROM registrations WHERE tube_id = ? ORDER BY position',
  );
  const countIn = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM registrations WHERE tube_id = ?');
  const personIn = db.prepare<[string, string, string], { id: string }>(
    'SELECT id FROM registrations WHERE tube_id = ? AND doc_type = ? AND doc_number = ?',
  );
  const insertRegistration = db.prepare(
    `INSERT INTO registrations (id, tube_id, position, doc_type, doc_number, name, phone, created_at, day)
     VALUES (@id, @tubeId, @position, @docType, @docNumber, @name, @phone, @createdAt, @day)`,
  );

  const summarise = (position: number, name: string, docNumber: string): PersonSummary => ({
    position,
    name: maskName(name),
    idNumber: maskIdNumber(docNumber),
  });

  function tubeView(row: TubeRow): TubeView {
    return {
      barcode: row.barcode,
      capacity: row.capacity,
      openedAt: row.opened_at,
      people: peopleIn.all(row.id).map((p) => summarise(p.position, p.name, p.doc_number)),
    };
  }

  function close(tube: TubeRow, reason: 'full' | 'early' | 'replaced', count: number): SealedTube {
    closeTube.run({
      id: tube.id,
      status: count === 0 ? 'discarded' : 'sealed',
      reason: count === 0 ? null : reason,
      closedAt: clock().toISOString(),
    });
    return { barcode: tube.barcode, count, capacity: tube.capacity };
  }

  function openTube(desk: string, barcode: string): ScanOutcome {
    if (barcodeInUse.get(barcode)) return { result: 'refused', problem: 'tube-already-used' };
    const current = openTubeAt.get(desk);
    let sealedBefore: SealedTube | null = null;
    if (current) {
      const count = countIn.get(current.id)!.n;
      const closed = close(current, 'replaced', count);
      sealedBefore = count > 0 ? closed : null;
    }
    const now = clock();
    const row: TubeRow = {
      id: randomUUID(),
      barcode,
      capacity: readSiteSettings(db).poolingRatio,
      opened_at: now.toISOString(),
    };
    insertTube.run({ id: row.id, barcode, desk, capacity: row.capacity, openedAt: row.opened_at, day: localDay(now) });
    return { result: 'tube-opened', tube: tubeView(row), sealedBefore };
  }

  function addPerson(desk: string, person: Person): ScanOutcome {
    const tube = openTubeAt.get(desk);
    if (!tube) return { result: 'refused', problem: 'no-open-tube' };
    if (personIn.get(tube.id, person.docType, person.docNumber)) {
      return { result: 'refused', problem: 'person-already-in-tube' };
    }
    const position = countIn.get(tube.id)!.n + 1;
    const now = clock();
    insertRegistration.run({
      id: randomUUID(),
      tubeId: tube.id,
      position,
      ...person,
      createdAt: now.toISOString(),
      day: localDay(now),
    });
    const sealed = position >= tube.capacity;
    if (sealed) close(tube, 'full', position);
    return {
      result: 'person-added',
      person: summarise(position, person.name, person.docNumber),
      tube: { barcode: tube.barcode, count: position, capacity: tube.capacity },
      sealed,
    };
  }

  return {
    scan(desk: string, text: string): ScanOutcome {
      return db
        .transaction((): ScanOutcome => {
          const settings = readSiteSettings(db);
          const scanned = classifyScan(text, tubeRegExp(settings));
          if (scanned.kind === 'refused') return { result: 'refused', problem: scanned.problem };
          if (scanned.kind === 'tube') return openTube(desk, scanned.barcode);
          // The order of refusals follows the desk: without a tube nothing else matters.
          if (!openTubeAt.get(desk)) return { result: 'refused', problem: 'no-open-tube' };
          const checked = checkPerson(scanned.fields, clock());
          if (!checked.ok) return { result: 'refused', problem: checked.problem };
          return addPerson(desk, checked.person);
        })
        .immediate();
    },

    sealNow(desk: string): SealOutcome {
      return db
        .transaction((): SealOutcome => {
          const tube = openTubeAt.get(desk);
          if (!tube) return { result: 'refused', problem: 'no-open-tube' };
          const count = countIn.get(tube.id)!.n;
          if (count === 0) return { result: 'refused', problem: 'tube-empty' };
          return { result: 'sealed', tube: close(tube, 'early', count) };
        })
        .immediate();
    },

    deskState(desk: string): DeskState {
      const tube = openTubeAt.get(desk);
      return { desk, tube: tube ? tubeView(tube) : null };
    },
  };
}

export type TubeLoop = ReturnType<typeof createTubeLoop>;
