// The site beyond this PC, for the manager: the hub's feed as this station reads it, every other PC with its desks,
// the site's totals and the conflicts between PCs.
import { z } from 'zod';
import { managerChannel, noInput } from '../calls/channel';
import { totalsSchema } from '../site/totals';
import { conflictSchema } from './conflicts';
import { feedStatusSchema } from './feedClient';
import { otherPcSchema } from './siteView';

export const siteViewSchema = z.object({
  feed: feedStatusSchema,
  pcs: z.array(otherPcSchema),
  totals: totalsSchema,
  conflicts: z.array(conflictSchema),
});

export const siteFeedChannels = {
  'site.whole': managerChannel(noInput, siteViewSchema),
};
