// The round's coverage as the manager sees it: per grid, building and tag, how many are on the roster, sampled,
// excused and not yet, read from the counts the database's triggers keep for the roster's version shown (a few
// hundred rows, whatever the roster's size); the people sampled who are not on the roster; and the roster's people
// first sampled in each hour.
import type { Db } from '../db/database';
import type { RosterRound } from './round';
import type { Counts, Coverage } from './schemas';

interface Stored {
  grid: string;
  key: string;
  onRoster: number;
  sampled: number;
  excused: number;
}

function counts({ onRoster, sampled, excused }: Pick<Stored, 'onRoster' | 'sampled' | 'excused'>): Counts {
  return { onRoster, sampled, excused, notYet: onRoster - sampled - excused, rate: onRoster === 0 ? 0 : sampled / onRoster };
}

/** The live registrations of the round, on this PC and the others of the site, as documents. */
const SAMPLED_DOCUMENTS = `
  SELECT r.doc_type, r.doc_number FROM registrations r JOIN tubes t ON t.id = r.tube_id
    WHERE r.day BETWEEN @firstDay AND @lastDay AND r.status = 'active' AND t.voided_at IS NULL
  UNION
  SELECT m.doc_type, m.doc_number FROM mirror_registrations m LEFT JOIN mirror_tubes mt ON mt.tube_id = m.tube_id
    WHERE m.day BETWEEN @firstDay AND @lastDay AND m.removed_at IS NULL AND m.voided_at IS NULL AND mt.voided_at IS NULL`;

/** The visitors' count reads the round's registrations by day, and each one's roster entry by its document. */
export const VISITORS_SEARCH = `SELECT count(*) FROM (${SAMPLED_DOCUMENTS}) s
  WHERE NOT EXISTS (SELECT 1 FROM roster_people p WHERE p.doc_type = s.doc_type AND p.doc_number = s.doc_number
    AND p.version = (SELECT version FROM roster_state) AND p.removed_at IS NULL)`;

export function createCoverage(db: Db, round: RosterRound) {
  const byDimension = db.prepare<[string], Stored>(
    `SELECT grid, key, on_roster AS onRoster, sampled, excused FROM roster_counts
     WHERE version = (SELECT version FROM roster_state) AND dimension = ? AND on_roster > 0 ORDER BY grid, key`,
  );
  const visitors = db.prepare<{ firstDay: string; lastDay: string }, number>(VISITORS_SEARCH).pluck();
  const hours = db.prepare<[], { hour: string; sampled: number }>(
    'SELECT hour, sampled FROM roster_hours WHERE version = (SELECT version FROM roster_state) AND sampled > 0 ORDER BY hour',
  );

  return function coverage(): Coverage {
    const now = round.current();
    const grids = byDimension.all('grid');
    const total = grids.reduce((sum, grid) => ({ onRoster: sum.onRoster + grid.onRoster, sampled: sum.sampled + grid.sampled, excused: sum.excused + grid.excused }), {
      onRoster: 0,
      sampled: 0,
      excused: 0,
    });
    return {
      round: now,
      total: counts(total),
      visitors: visitors.get(now) ?? 0,
      grids: grids.map((grid) => ({ grid: grid.grid, ...counts(grid) })),
      buildings: byDimension.all('building').map((building) => ({ grid: building.grid, building: building.key, ...counts(building) })),
      tags: byDimension.all('tag').map((tag) => ({ tag: tag.key, ...counts(tag) })),
      hours: hours.all(),
      recounting: round.recounted(),
    };
  };
}

export type CoverageView = ReturnType<typeof createCoverage>;
