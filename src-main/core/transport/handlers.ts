// What transport's channels do.
import { actorOf } from '../calls/caller';
import type { FeatureHandlers } from '../calls/channel';
import { SPREADSHEET_MIME } from '../export/file';
import { manifestCsv, manifestXlsx } from '../export/manifestFiles';
import { exportWords } from '../export/words';
import type { Services } from '../services';
import type { transportChannels } from './channels';

export function transportHandlers({ packing, handovers, manifests }: Services): FeatureHandlers<typeof transportChannels> {
  return {
    'packing.scan': ({ text, confirm }, who) => packing.scan(text, actorOf(who), confirm),
    'packing.sealNow': (_input, who) => packing.sealNow(actorOf(who)),
    'packing.dropBag': (_input, who) => packing.dropEmpty(actorOf(who)),
    'packing.openBag': () => packing.openBag(),
    'site.handover': ({ bags, courier, temperature }, who) => handovers(bags, courier, temperature, actorOf(who), who.operator!.name),
    'site.waitingBags': () => manifests.waitingBags(),
    'site.manifest': ({ number }) => manifests.manifest(number),
    'site.manifestFile': async ({ number, format, language }) => {
      const manifest = manifests.manifest(number);
      if (!manifest) return null;
      const bytes = format === 'csv' ? manifestCsv(manifest, language) : await manifestXlsx(manifest, language);
      const fileName = `${exportWords(language).manifest.fileName(number)}.${format}`;
      return { fileName, mime: SPREADSHEET_MIME[format], base64: bytes.toString('base64') };
    },
  };
}
