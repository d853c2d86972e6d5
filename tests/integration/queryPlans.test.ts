// The searches that run on a station of a million registrations go through an index, never through every row:
// SQLite's own query plan says so (as Signal's migration tests check theirs).
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src-main/core/db/database';
import { RETENTION_SEARCHES } from '../../src-main/core/maintenance/retention';
import { TUBE_LOOP_SEARCHES } from '../../src-main/core/registration/tubeLoop';
import { PACKING_SEARCHES } from '../../src-main/core/transport/packing';
import { MIRROR_SEARCHES } from '../../src-main/core/siteFeed/mirrorLookups';
import { UNBAGGED_ELSEWHERE_SEARCH } from '../../src-main/core/site/unbagged';
import { ROSTER_TRIGGER_SEARCHES } from '../../src-main/core/db/migrations/014-roster';
import { ROUND_RECOUNT_SEARCH } from '../../src-main/core/db/migrations/016-roster-recount';
import { VISITORS_SEARCH } from '../../src-main/core/roster/coverage';
import { RECOUNT_STEP_END } from '../../src-main/core/roster/recount';
import { NOT_YET_PAGE } from '../../src-main/core/roster/notYet';
import { tempDir } from '../fixtures/tempCore';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = tempDir('swabdesk-plans-');
  db = openDatabase(path.join(dir, 'swabdesk.db'));
});
afterEach(() => {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** The plan's steps, one line each ("SEARCH o USING INDEX …", "SCAN t"…); the values only fill the parameters. */
function plan(sql: string, ...values: unknown[]): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...values) as { detail: string }[]).map((step) => step.detail);
}
const CUTOFF = '2026-10-01T00:00:00.000Z';

/** A step that reads a whole table: a scan not through an index (a covering-index scan would say so). */
const fullScans = (steps: string[]) => steps.filter((step) => /^SCAN \w+$/.test(step));

describe('retention', () => {
  it('finds whether anything was acknowledged through the acknowledged facts alone', () => {
    const steps = plan(RETENTION_SEARCHES.anyAcknowledged, CUTOFF);
    expect(steps.join('\n')).toMatch(/USING (COVERING )?INDEX outbox_acknowledged/);
    expect(fullScans(steps)).toEqual([]);
  });

  it('walks the acknowledged registrations in order through the index, after its cursor', () => {
    const steps = plan(RETENTION_SEARCHES.acknowledgedAdditions, { cutoff: CUTOFF, sentAt: '', seq: 0, limit: 256 });
    // The cursor is where the index range starts: it never reads again what an earlier step went past.
    expect(steps.join('\n')).toMatch(/SEARCH o USING (COVERING )?INDEX outbox_acknowledged \(kind=\? AND (\(sent_at,seq\)|sent_at)>\(?\?(,\?\))? AND sent_at<\?\)/);
    expect(steps.join('\n')).not.toMatch(/TEMP B-TREE/);
    expect(fullScans(steps)).toEqual([]);
  });

  it('checks one registration by its key and its facts by subject', () => {
    const steps = plan(RETENTION_SEARCHES.expired, { id: 'r', cutoff: CUTOFF });
    expect(fullScans(steps)).toEqual([]);
    expect(steps.join('\n')).toMatch(/audit_subject/);
  });
});

describe('the tube loop', () => {
  // Each scan makes these searches inside its write transaction: a full scan there holds every desk up.
  it("finds the desk's open tube through the index of open tubes", () => {
    const steps = plan(TUBE_LOOP_SEARCHES.openTubeAt, '1');
    expect(steps.join('\n')).toMatch(/SEARCH tubes USING (COVERING )?INDEX tubes_one_open_per_desk \(desk=\?\)/);
    expect(fullScans(steps)).toEqual([]);
  });

  it('finds a tube barcode already used through the index of barcodes in use', () => {
    const steps = plan(TUBE_LOOP_SEARCHES.barcodeInUse, 'T0001');
    expect(steps.join('\n')).toMatch(/SEARCH tubes USING (COVERING )?INDEX tubes_barcode_in_use \(barcode=\?\)/);
    expect(fullScans(steps)).toEqual([]);
  });

  it('finds the same person already in the tube through the index of people in a tube', () => {
    const steps = plan(TUBE_LOOP_SEARCHES.personIn, 'tube', 'resident-id', '110101199003071233');
    expect(steps.join('\n')).toMatch(
      /SEARCH registrations USING (COVERING )?INDEX registrations_person_in_tube \(tube_id=\? AND doc_type=\? AND doc_number=\?\)/,
    );
    expect(fullScans(steps)).toEqual([]);
  });

  it('finds the same person already sampled that day through the index of people by day, and its tube by its key', () => {
    const steps = plan(TUBE_LOOP_SEARCHES.sampledOn, 'resident-id', '110101199003071233', '2026-11-30');
    expect(steps.join('\n')).toMatch(
      /SEARCH r USING (COVERING )?INDEX registrations_person_day \(doc_type=\? AND doc_number=\? AND day=\?\)/,
    );
    expect(steps.join('\n')).toMatch(/SEARCH t USING INDEX sqlite_autoindex_tubes_1 \(id=\?\)/);
    expect(fullScans(steps)).toEqual([]);
  });
});

describe('packing', () => {
  it('finds a bag label in use through the index of labels in use, a dropped bag left out', () => {
    const steps = plan(PACKING_SEARCHES.bagByBarcode, 'B2026112201');
    expect(steps.join('\n')).toMatch(/SEARCH bags USING INDEX bags_barcode_in_use \(barcode=\?\)/);
    expect(fullScans(steps)).toEqual([]);
  });
});

describe("the site's mirror", () => {
  // Each scan at a desk asks the mirror too, inside its write transaction.
  it("finds another PC's tube barcode, a person sampled there today and a tube bagged there through their indexes", () => {
    const tube = plan(MIRROR_SEARCHES.tubeElsewhere, 'T0001');
    expect(tube.join('\n')).toMatch(/SEARCH m USING INDEX mirror_tubes_barcode \(barcode=\?\)/);
    const sampled = plan(MIRROR_SEARCHES.sampledElsewhere, 'resident-id', '110101199003071233', '2026-11-30');
    expect(sampled.join('\n')).toMatch(/SEARCH r USING INDEX mirror_registrations_person \(doc_type=\? AND doc_number=\? AND day=\?\)/);
    const bagged = plan(MIRROR_SEARCHES.baggedElsewhere, 't', 't');
    expect(bagged.join('\n')).toMatch(/mirror_bag_tubes_tube \(tube_id=\?\)/);
    for (const steps of [tube, sampled, bagged]) expect(fullScans(steps)).toEqual([]);
  });

  // The unbagged list is read again on every push of the totals and of the site.
  it("finds the other PCs' sealed tubes through the index of statuses, and whether each is in a bag by its key", () => {
    const steps = plan(UNBAGGED_ELSEWHERE_SEARCH);
    expect(steps.join('\n')).toMatch(/SEARCH m USING INDEX mirror_tubes_status \(status=\?\)/);
    expect(steps.join('\n')).toMatch(/mirror_bag_tubes_tube \(tube_id=\?\)/);
    expect(steps.join('\n')).toMatch(/bag_site_tubes_1 \(tube_id=\?\)/);
    expect(fullScans(steps)).toEqual([]);
  });
});

describe('the roster', () => {
  // The round and the version shown are one row each (w, roster_state); the visitors' documents are a subquery's
  // result (s): scanning them reads no table.
  const tableScans = (steps: string[]) => fullScans(steps).filter((step) => !['SCAN w', 'SCAN s', 'SCAN roster_state'].includes(step));

  // The triggers run inside every scan's write transaction: a roster of 100,000 must cost each scan index lookups.
  it("finds the person a registration is of, and their registrations here and on the site's other PCs, by document", () => {
    const steps = plan(ROSTER_TRIGGER_SEARCHES.person, { docType: 'resident-id', docNumber: 'x' });
    expect(tableScans(steps)).toEqual([]);
    expect(steps.join('\n')).toMatch(/roster_people USING (COVERING )?INDEX sqlite_autoindex_roster_people_\d/);
    expect(steps.join('\n')).toMatch(/SEARCH r USING (COVERING )?INDEX registrations_person_day/);
    expect(steps.join('\n')).toMatch(/SEARCH m USING (COVERING )?INDEX mirror_registrations_person/);
  });

  it("finds a voided tube's people through the tube's registrations, here and in the mirror", () => {
    for (const search of [ROSTER_TRIGGER_SEARCHES.tube, ROSTER_TRIGGER_SEARCHES.mirrorTube]) {
      const steps = plan(search, { tubeId: 't' });
      expect(tableScans(steps)).toEqual([]);
    }
    expect(plan(ROSTER_TRIGGER_SEARCHES.tube, { tubeId: 't' }).join('\n')).toMatch(/registrations_tube/);
    expect(plan(ROSTER_TRIGGER_SEARCHES.mirrorTube, { tubeId: 't' }).join('\n')).toMatch(/mirror_registrations_tube/);
  });

  it("counts a new round again a few people a step, through the rowid and the people's documents", () => {
    const step = plan(RECOUNT_STEP_END, 0, 25);
    expect(tableScans(step)).toEqual([]);
    expect(step.join('\n')).toMatch(/SEARCH roster_people USING INTEGER PRIMARY KEY \(rowid>\?\)/);
    const counted = plan(ROUND_RECOUNT_SEARCH, { after: 0, to: 25 });
    expect(tableScans(counted)).toEqual([]);
    expect(counted.join('\n')).toMatch(/SEARCH roster_people USING INTEGER PRIMARY KEY \(rowid>\? AND rowid<\?\)/);
    expect(counted.join('\n')).toMatch(/SEARCH r USING (COVERING )?INDEX registrations_person_day/);
  });

  it("counts the round's visitors from the round's registrations by day", () => {
    const steps = plan(VISITORS_SEARCH, { firstDay: '2026-11-30', lastDay: '2026-11-30' });
    expect(tableScans(steps)).toEqual([]);
    expect(steps.join('\n')).toMatch(/registrations_day/);
  });

  it('pages the not-yet list in address order through the index', () => {
    const steps = plan(NOT_YET_PAGE, { grid: null, building: null, unit: null, tag: null, includeExcused: 0, limit: 200, offset: 0 });
    expect(steps.join('\n')).toMatch(/roster_people USING INDEX roster_people_address/);
    expect(steps.join('\n')).not.toMatch(/TEMP B-TREE/);
  });
});
