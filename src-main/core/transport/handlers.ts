// What transport's channels do.
import { actorOf } from '../calls/caller';
import type { FeatureHandlers } from '../calls/channel';
import { manifestCsv, manifestXlsx } from '../export/manifestFiles';
import type { Services } from '../services';
import type { transportChannels } from './channels';

const MIME = { csv: 'text/csv', xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } as const;

export function transportHandlers({ packing, handovers, manifests }: Services): FeatureHandlers<typeof transportChannels> {
  return {
    'packing.scan': ({ text }, who) => packing.scan(text, actorOf(who)),
    'packing.sealNow': (_input, who) => packing.sealNow(actorOf(who)),
    'packing.openBag': () => packing.openBag(),
    'site.handover': ({ bags, courier, temperature }, who) => handovers(bags, courier, temperature, actorOf(who), who.operator!.name),
    'site.waitingBags': () => manifests.waitingBags(),
    'site.manifest': ({ number }) => manifests.manifest(number),
    'site.manifestFile': async ({ number, format }) => {
      const manifest = manifests.manifest(number);
      if (!manifest) return null;
      const bytes = format === 'csv' ? manifestCsv(manifest) : await manifestXlsx(manifest);
      return { fileName: `交接单-${number}.${format}`, mime: MIME[format], base64: bytes.toString('base64') };
    },
  };
}
