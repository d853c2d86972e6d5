// Every channel's handler, from the features that declare them: the one table the core dispatches a call to.
// TypeScript refuses a channel of the contract without its handler, and a handler without its channel.
import type { FeatureHandlers } from './calls/channel';
import type { Channels } from './contract';
import { correctionHandlers } from './corrections/handlers';
import { exportHandlers } from './export/handlers';
import { maintenanceHandlers } from './maintenance/handlers';
import { operatorHandlers } from './operators/handlers';
import { paperworkHandlers } from './paperwork/handlers';
import { preRegistrationHandlers } from './preRegistration/handlers';
import { registrationHandlers } from './registration/handlers';
import { rosterHandlers } from './roster/handlers';
import type { Services } from './services';
import { siteHandlers } from './site/handlers';
import { siteFeedHandlers } from './siteFeed/handlers';
import { transportHandlers } from './transport/handlers';
import { uploadHandlers } from './upload/handlers';

export type Handlers = FeatureHandlers<Channels>;

export function createHandlers(services: Services): Handlers {
  return {
    ...operatorHandlers(services),
    ...registrationHandlers(services),
    ...preRegistrationHandlers(services),
    ...siteHandlers(services),
    ...correctionHandlers(services),
    ...transportHandlers(services),
    ...exportHandlers(services),
    ...paperworkHandlers(services),
    ...uploadHandlers(services),
    ...siteFeedHandlers(services),
    ...rosterHandlers(services),
    ...maintenanceHandlers(services),
  };
}
