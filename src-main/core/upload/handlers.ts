// What uploading's channels do.
import { actorOf } from '../calls/caller';
import type { FeatureHandlers } from '../calls/channel';
import type { Services } from '../services';
import type { uploadChannels } from './channels';

export function uploadHandlers({ uploads, backlog, siteFeed }: Services): FeatureHandlers<typeof uploadChannels> {
  return {
    'station.backlog': () => backlog.read(),
    'site.upload': () => uploads.status(),
    'site.uploadNow': () => {
      uploads.uploader.sendNow();
      return uploads.status();
    },
    'site.heldFacts': () => uploads.held(),
    'site.releaseHeld': ({ factIds }, who) => ({ released: uploads.release(factIds, actorOf(who)) }),
    'site.uploadSettings': () => uploads.settingsView(),
    'site.saveUploadSettings': ({ token, ...changes }, who) => {
      const outcome = uploads.save(changes, token, actorOf(who));
      // A new hub or token: the site's feed is read from it, and its sticker keys shared, at once.
      if (outcome.result === 'saved') {
        siteFeed.client.readNow();
        siteFeed.keyShare.now();
      }
      return outcome;
    },
  };
}
