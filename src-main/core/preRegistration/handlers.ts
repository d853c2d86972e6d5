// What the pre-registration window's channel does.
import { actorOf } from '../calls/caller';
import type { FeatureHandlers } from '../calls/channel';
import type { Services } from '../services';
import type { preRegistrationChannels } from './channels';

export function preRegistrationHandlers({ stickers }: Services): FeatureHandlers<typeof preRegistrationChannels> {
  return {
    'guide.sticker': (fields, who) => stickers(fields, actorOf(who)),
  };
}
