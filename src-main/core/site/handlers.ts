// What the site's channels do.
import { actorOf } from '../calls/caller';
import type { FeatureHandlers } from '../calls/channel';
import { testCodeFormats } from '../domain/codeFormats';
import type { Services } from '../services';
import type { siteChannels } from './channels';
import { readSiteSettings, writeSiteSettings } from './settings';

export function siteHandlers(services: Services): FeatureHandlers<typeof siteChannels> {
  const { db, record, totals, liveDesks, unbagged, tubePeople, stickerKeys } = services;
  return {
    'site.totals': () => totals(),
    'site.live': () => liveDesks(),
    'site.settings': () => readSiteSettings(db),
    'site.updateSettings': (changes, who) => writeSiteSettings(db, changes, record, actorOf(who)),
    'site.testCodeFormats': ({ text, formats }) => testCodeFormats(text, formats ?? readSiteSettings(db).codeFormats, stickerKeys.keyring),
    'site.unbaggedTubes': () => unbagged(),
    'site.tubePeople': ({ barcode }) => tubePeople(barcode),
    'device.config': () => {
      const { deviceProfiles, deviceAssignments, deviceNames } = readSiteSettings(db);
      return { profiles: deviceProfiles, assignments: deviceAssignments, names: deviceNames };
    },
  };
}
