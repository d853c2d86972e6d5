// The site feed as a station runs it: the mirror, its reader and what the manager sees of them.
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { Totals } from '../site/totals';
import type { UploadSettingsStore } from '../upload/uploadSettings';
import type { siteViewSchema } from './channels';
import { createConflicts } from './conflicts';
import { createFeedClient, type FeedTuning } from './feedClient';
import { createMirror } from './mirror';
import { createSiteView } from './siteView';
import type { z } from 'zod';

export function createSiteFeed(db: Db, clock: Clock, settings: UploadSettingsStore, totals: () => Totals, changed: () => void, tuning?: FeedTuning) {
  const mirror = createMirror(db);
  const client = createFeedClient(mirror, settings, clock, changed, tuning);
  const siteView = createSiteView(db, clock, totals);
  const conflicts = createConflicts(db);
  return {
    mirror,
    client,
    view: (): z.output<typeof siteViewSchema> => ({
      feed: client.status(),
      pcs: siteView.otherPcs(),
      totals: siteView.siteTotals(),
      conflicts: conflicts(),
    }),
  };
}
