// The site feed as a station runs it: the mirror, its reader and what the manager sees of them; and beside the
// reader, the sharing of the site's sticker keys through the same hub.
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { RecordFact } from '../facts/record';
import type { Totals } from '../site/totals';
import type { UploadSettingsStore } from '../upload/uploadSettings';
import type { siteViewSchema } from './channels';
import { createConflicts } from './conflicts';
import { createFeedClient, type FeedTuning } from './feedClient';
import { createMirror } from './mirror';
import { createSiteView } from './siteView';
import { createKeyShare } from '../stickerShare/keyShare';
import type { z } from 'zod';

export function createSiteFeed(
  db: Db,
  clock: Clock,
  record: RecordFact,
  settings: UploadSettingsStore,
  totals: () => Totals,
  changed: () => void,
  tuning?: FeedTuning,
) {
  const mirror = createMirror(db);
  const client = createFeedClient(mirror, settings, clock, changed, tuning);
  const siteView = createSiteView(db, clock, totals);
  const conflicts = createConflicts(db);
  return {
    mirror,
    client,
    keyShare: createKeyShare(db, clock, record, settings, { everyMs: tuning?.keyShareEveryMs, backoff: tuning?.backoff }),
    view: (): z.output<typeof siteViewSchema> => ({
      feed: client.status(),
      pcs: siteView.otherPcs(),
      totals: siteView.siteTotals(),
      conflicts: conflicts(),
    }),
  };
}
