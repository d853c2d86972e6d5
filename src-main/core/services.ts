// Makes every service the channels' handlers and the core share, once per station, each over the one desks'
// connection: what a feature's handlers are given.
import type { Background } from './background/background';
import type { Clock } from './clock';
import type { Db } from './db/database';
import { createPersonCorrections } from './corrections/personDetails';
import { createPersonSearch } from './corrections/search';
import { createVoids } from './corrections/voids';
import { createDayExport } from './export/dayExport';
import { createFileParts } from './export/fileParts';
import { createBacklog } from './facts/backlog';
import { createFactRecorder } from './facts/record';
import { createOperators } from './operators/operators';
import { createDaySummary } from './paperwork/daySummary';
import { createHandoverList } from './paperwork/handoverList';
import { createLooseTubes } from './paperwork/looseTubes';
import { createSessions } from './operators/sessions';
import { createStickers } from './preRegistration/sticker';
import { createStickerKeys } from './preRegistration/stickerKeys';
import { createDeskReadings } from './registration/deskReadings';
import { createTubeLoop } from './registration/tubeLoop';
import { createDeskActivity, createLiveDesks } from './site/live';
import { readSiteSettings } from './site/settings';
import { createTotals } from './site/totals';
import { createTubePeople } from './site/tubePeople';
import { createUnbagged } from './site/unbagged';
import { createHandovers } from './transport/handover';
import { createManifests } from './transport/manifest';
import { createPacking } from './transport/packing';
import { createUploads, type UploadTuning } from './upload/uploads';
import { createUploadSettings } from './upload/uploadSettings';
import { createSiteFeed } from './siteFeed/siteFeed';
import type { FeedTuning } from './siteFeed/feedClient';
import { logError } from './maintenance/log';
import { createCoverage } from './roster/coverage';
import { createCoverageReport } from './roster/coverageReport';
import { createExcusals } from './roster/excusals';
import { createLedgers } from './roster/ledgers';
import { createNotYet } from './roster/notYet';
import { createRound } from './roster/round';

export interface ServiceOptions {
  db: Db;
  clock: Clock;
  /** Where the database lives: the disk whose free space the windows are told of. */
  dataDir: string;
  /** The worker thread where exports (and backups, purges, checkpoints) run, off the desks' thread. */
  background: Background;
  /** The uploader moved facts or changed state. */
  uploadChanged: () => void;
  upload?: UploadTuning;
  /** The site feed applied something or changed state. */
  siteChanged: () => void;
  feed?: FeedTuning;
}

export function createServices({ db, clock, dataDir, background, uploadChanged, upload, siteChanged, feed }: ServiceOptions) {
  const record = createFactRecorder(db, clock);
  const stickerKeys = createStickerKeys(db);
  const loop = createTubeLoop(db, clock, record, stickerKeys.keyring);
  const readings = createDeskReadings(loop);
  const operators = createOperators(db, clock, record);
  const sessions = createSessions(operators, clock, () => readSiteSettings(db).idleLockMinutes * 60_000);
  const uploads = createUploads(db, clock, record, uploadChanged, upload);
  const unbagged = createUnbagged(db);
  const handoverList = createHandoverList(db);
  const totals = createTotals(db, clock);
  // The worker counts the roster again for a new round; the coverage windows follow once it is done.
  const recount = () =>
    void background.run({ kind: 'rosterRecount' }).then(siteChanged, (error: unknown) => logError(`Could not count the roster again: ${(error as Error).message}`));
  const round = createRound(db, clock, record, recount);
  // A station started on a new day counts that day; one stopped while counting the roster again carries on.
  if (!round.followToday()) round.recountIfDue();
  const notYet = createNotYet(db);
  const coverage = createCoverage(db, round);
  const madeFiles = createFileParts();
  return {
    db,
    clock,
    dataDir,
    record,
    loop,
    readings,
    operators,
    sessions,
    uploads,
    stickerKeys,
    stickers: createStickers(db, clock, record, stickerKeys),
    voids: createVoids(db, clock, record),
    corrections: createPersonCorrections(db, clock, record),
    searchPeople: createPersonSearch(db, record),
    tubePeople: createTubePeople(db),
    packing: createPacking(db, clock, record),
    handovers: createHandovers(db, clock, record),
    manifests: createManifests(db),
    totals,
    siteFeed: createSiteFeed(db, clock, record, createUploadSettings(db, record), totals, siteChanged, feed),
    liveDesks: createLiveDesks(createDeskActivity(db, clock), readings, sessions),
    unbagged,
    handoverList,
    looseTubes: createLooseTubes(db, clock, unbagged),
    daySummary: createDaySummary(db, clock, handoverList, uploads),
    backlog: createBacklog(db),
    dayExport: createDayExport(db, background, record, madeFiles),
    roster: {
      round,
      notYet,
      coverage,
      report: createCoverageReport(db, clock, record, coverage),
      excusals: createExcusals(db, clock, record, notYet),
      ledgers: createLedgers(background, clock, madeFiles),
    },
  };
}

export type Services = ReturnType<typeof createServices>;
