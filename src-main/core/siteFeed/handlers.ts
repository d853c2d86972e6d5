// What the site feed's channels do.
import type { FeatureHandlers } from '../calls/channel';
import type { Services } from '../services';
import type { siteFeedChannels } from './channels';

export function siteFeedHandlers({ siteFeed }: Services): FeatureHandlers<typeof siteFeedChannels> {
  return {
    'site.whole': () => siteFeed.view(),
  };
}
