// The site's mirror: the other PCs' facts as the hub's feed gives them, applied to tables of this station's own.
// Each slice of a page is one transaction that stores its facts, folds again every tube, registration, bag and
// handover they are about (with the hub's own folds, so the mirror is the hub's projection of the other PCs) and
// moves the cursor: a station killed at any moment has applied a slice wholly or not at all, and a slice is applied
// only from the cursor it was read after, so nothing is applied twice. Nothing here goes to the outbox.
import { z } from 'zod';
import { localDay } from '../clock';
import type { Db } from '../db/database';
import { foldBag, foldHandover, foldRegistration, foldTube } from '../siteFacts/fold';
import { readSiteFact, subjectsOf, SUBJECT_COLUMNS, type FactSubjects, type SiteFact } from '../siteFacts/payloads';
import type { feedAnswerSchema } from '../upload/protocol';

type FeedAnswer = z.output<typeof feedAnswerSchema>;
type FeedItem = FeedAnswer['facts'][number];

/** The other stations of the site as the feed names them. */
type FeedStations = FeedAnswer['stations'];

const iso = (date: Date | null) => (date === null ? null : date.toISOString());
const dayOf = (date: Date | null) => (date === null ? null : localDay(date));

/** The fact as the folds read it (its envelope from the feed), or null when no table reads it. */
function siteFactOf(stationId: string, fact: Record<string, unknown>): SiteFact | null {
  const read = readSiteFact({ factId: String(fact.factId), kind: String(fact.kind), at: new Date(String(fact.at)), stationId, payload: fact });
  return 'fact' in read ? read.fact : null;
}

export function createMirror(db: Db) {
  const cursorOf = db.prepare<[], number>('SELECT cursor FROM mirror_feed WHERE id = 1').pluck();
  const moveCursor = db.prepare('UPDATE mirror_feed SET cursor = ?, applied_at = ? WHERE id = 1');
  const insertFact = db.prepare(
    `INSERT OR IGNORE INTO mirror_facts (fact_id, seq, station_id, kind, at, tube_id, registration_id, bag_id, handover_id, fact)
     VALUES (@factId, @seq, @stationId, @kind, @at, @tubeId, @registrationId, @bagId, @handoverId, @fact)`,
  );
  const factsAbout = Object.fromEntries(
    Object.entries(SUBJECT_COLUMNS).map(([subject, column]) => [
      subject,
      db.prepare<[string], { station_id: string; fact: string }>(`SELECT station_id, fact FROM mirror_facts WHERE ${column} = ?`),
    ]),
  ) as Record<keyof FactSubjects, ReturnType<typeof db.prepare<[string], { station_id: string; fact: string }>>>;
  const writeTube = db.prepare(
    `INSERT OR REPLACE INTO mirror_tubes
       (tube_id, barcode, station_id, desk, capacity, opened_at, day, status, close_reason, closed_at, people, voided_at, void_reason)
     VALUES (@tube_id, @barcode, @station_id, @desk, @capacity, @opened_at, @day, @status, @close_reason, @closed_at, @people,
             @voided_at, @void_reason)`,
  );
  const writeRegistration = db.prepare(
    `INSERT OR REPLACE INTO mirror_registrations
       (registration_id, tube_id, station_id, position, doc_type, doc_number, name, added_at, day, removed_at, voided_at)
     VALUES (@registration_id, @tube_id, @station_id, @position, @doc_type, @doc_number, @name, @added_at, @day, @removed_at,
             @voided_at)`,
  );
  const writeBag = db.prepare(
    `INSERT OR REPLACE INTO mirror_bags (bag_id, barcode, station_id, capacity, opened_at, status, sealed_at)
     VALUES (@bag_id, @barcode, @station_id, @capacity, @opened_at, @status, @sealed_at)`,
  );
  const clearBagTubes = db.prepare('DELETE FROM mirror_bag_tubes WHERE bag_id = ?');
  const writeBagTube = db.prepare(
    `INSERT INTO mirror_bag_tubes (bag_id, tube_id, tube_barcode, packed_at, fact_id)
     VALUES (@bag_id, @tube_id, @tube_barcode, @packed_at, @fact_id)`,
  );
  const writeHandover = db.prepare(
    `INSERT OR REPLACE INTO mirror_handovers (handover_id, number, station_id, handed_at, fact_id)
     VALUES (@handover_id, @number, @station_id, @handed_at, @fact_id)`,
  );
  const clearHandoverBags = db.prepare('DELETE FROM mirror_handover_bags WHERE handover_id = ?');
  const writeHandoverBag = db.prepare('INSERT INTO mirror_handover_bags (handover_id, bag_barcode) VALUES (?, ?)');
  const writeStation = db.prepare(
    `INSERT INTO mirror_stations (station_id, label, last_seen) VALUES (@stationId, @label, @lastSeen)
     ON CONFLICT (station_id) DO UPDATE SET label = excluded.label, last_seen = excluded.last_seen`,
  );
  const knowStation = db.prepare("INSERT OR IGNORE INTO mirror_stations (station_id, label, last_seen) VALUES (?, '', NULL)");

  function about(subject: keyof FactSubjects, id: string): SiteFact[] {
    return factsAbout[subject].all(id).flatMap((row) => siteFactOf(row.station_id, JSON.parse(row.fact) as Record<string, unknown>) ?? []);
  }

  /** Folds again, from every mirrored fact about it, each thing the new facts are about, and writes it over. */
  function refold(touched: Record<keyof FactSubjects, Set<string>>): void {
    for (const id of touched.tubeId) {
      const row = foldTube('', id, about('tubeId', id));
      writeTube.run({ ...row, opened_at: iso(row.opened_at), day: dayOf(row.opened_at), closed_at: iso(row.closed_at), voided_at: iso(row.voided_at) });
    }
    for (const id of touched.registrationId) {
      const row = foldRegistration('', id, about('registrationId', id));
      writeRegistration.run({
        ...row,
        added_at: iso(row.added_at),
        day: dayOf(row.added_at),
        removed_at: iso(row.removed_at),
        voided_at: iso(row.voided_at),
      });
    }
    for (const id of touched.bagId) {
      const { bag, tubes } = foldBag('', id, about('bagId', id));
      writeBag.run({ ...bag, opened_at: iso(bag.opened_at), sealed_at: iso(bag.sealed_at) });
      clearBagTubes.run(id);
      for (const tube of tubes) writeBagTube.run({ ...tube, packed_at: tube.packed_at.toISOString() });
    }
    for (const id of touched.handoverId) {
      const folded = foldHandover('', id, about('handoverId', id));
      if (!folded) continue;
      writeHandover.run({ ...folded.handover, handed_at: folded.handover.handed_at.toISOString() });
      clearHandoverBags.run(id);
      for (const bag of folded.bags) writeHandoverBag.run(id, bag.bag_barcode);
    }
  }

  return {
    cursor: (): number => cursorOf.get() ?? 0,

    /**
     * Applies feed items read after `after`, then moves the cursor to `cursor`; returns false, applying nothing,
     * when the mirror's cursor is no longer `after` (another reader applied them first).
     */
    apply(after: number, items: readonly FeedItem[], cursor: number, stations: FeedStations, now: Date): boolean {
      return db
        .transaction((): boolean => {
          if (cursorOf.get() !== after) return false;
          const touched = { tubeId: new Set<string>(), registrationId: new Set<string>(), bagId: new Set<string>(), handoverId: new Set<string>() };
          for (const item of items) {
            const fact = siteFactOf(item.stationId, item.fact);
            const subjects = subjectsOf(fact);
            const stored = insertFact.run({
              factId: item.fact.factId.toLowerCase(),
              seq: item.seq,
              stationId: item.stationId.toLowerCase(),
              kind: item.fact.kind,
              at: item.fact.at,
              ...subjects,
              fact: JSON.stringify(item.fact),
            });
            knowStation.run(item.stationId.toLowerCase());
            if (stored.changes === 0) continue;
            for (const key of Object.keys(touched) as (keyof FactSubjects)[]) {
              if (subjects[key] !== null) touched[key].add(subjects[key]);
            }
          }
          refold(touched);
          for (const station of stations) writeStation.run({ ...station, stationId: station.stationId.toLowerCase() });
          moveCursor.run(cursor, now.toISOString());
          return true;
        })
        .immediate();
    },

    /** Forgets everything mirrored, to read the feed again from 0 (the hub's feed is not the one the cursor was of). */
    reset(): void {
      db.transaction(() => {
        db.exec(`
          DELETE FROM mirror_facts; DELETE FROM mirror_tubes; DELETE FROM mirror_registrations; DELETE FROM mirror_bags;
          DELETE FROM mirror_bag_tubes; DELETE FROM mirror_handovers; DELETE FROM mirror_handover_bags;
          UPDATE mirror_feed SET cursor = 0, applied_at = NULL WHERE id = 1;
        `);
      }).immediate();
    },
  };
}

export type Mirror = ReturnType<typeof createMirror>;
