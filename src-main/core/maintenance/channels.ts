// The station's health, as the desks and the manager see it: the free space where the database lives.
import { channel, noInput } from '../calls/channel';
import { healthSchema } from './health';

export const maintenanceChannels = {
  'station.health': channel(['clerk', 'manager'], noInput, healthSchema),
};
