// "Send coverage to the platform": when the manager switches it on, the round's counts per grid and building go to
// the platform as a fact, every so often while they change. Counts only: never a person of the roster, never a
// group (a tag names people in need of care).
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { RecordFact } from '../facts/record';
import { readSiteSettings } from '../site/settings';
import type { CoverageView } from './coverage';
import type { Counts } from './schemas';

/** How often a switched-on station looks whether its counts moved. */
export const COVERAGE_REPORT_EVERY_MS = 10 * 60_000;

const countsOnly = ({ onRoster, sampled, excused, notYet }: Counts) => ({ onRoster, sampled, excused, notYet });

export function createCoverageReport(db: Db, clock: Clock, record: RecordFact, coverage: CoverageView) {
  let lastSent = '';

  /** Records the counts for the outbox when the switch is on and they changed since the last report; says whether it did. */
  return function reportCoverage(): boolean {
    if (!readSiteSettings(db).sendCoverage) return false;
    const now = coverage();
    const counts = {
      round: now.round,
      total: countsOnly(now.total),
      visitors: now.visitors,
      grids: now.grids.map(({ grid, ...counts }) => ({ grid, ...countsOnly(counts) })),
      buildings: now.buildings.map(({ grid, building, ...counts }) => ({ grid, building, ...countsOnly(counts) })),
    };
    const text = JSON.stringify(counts);
    // Counted again for a new round, the counts mix two rounds until it is done.
    if (text === lastSent || now.total.onRoster === 0 || now.recounting !== null) return false;
    db.transaction(() => record({ kind: 'coverage.counted', subject: 'roster', actor: 'station', data: {}, upload: counts, at: clock() })).immediate();
    lastSent = text;
    return true;
  };
}
