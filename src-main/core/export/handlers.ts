// What the export's channel does.
import { actorOf } from '../calls/caller';
import type { FeatureHandlers } from '../calls/channel';
import type { Services } from '../services';
import type { exportChannels } from './channels';

export function exportHandlers({ dayExport }: Services): FeatureHandlers<typeof exportChannels> {
  return {
    'site.exportDay': (request, who) => dayExport.download(request, actorOf(who)),
    'site.exportPart': ({ id, part }) => {
      const base64 = dayExport.part(id, part);
      return base64 === null ? null : { base64 };
    },
  };
}
