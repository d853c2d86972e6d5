// What the station's health channel does.
import type { FeatureHandlers } from '../calls/channel';
import type { Services } from '../services';
import type { maintenanceChannels } from './channels';
import { diskHealth } from './health';

export function maintenanceHandlers({ dataDir }: Services): FeatureHandlers<typeof maintenanceChannels> {
  return {
    'station.health': () => diskHealth(dataDir),
  };
}
