// What the roster's channels do.
import type { FeatureHandlers } from '../calls/channel';
import type { Services } from '../services';
import type { rosterChannels } from './channels';

function notYetBuilt(): never {
  throw new Error('The roster is being built.');
}

export function rosterHandlers(_services: Services): FeatureHandlers<typeof rosterChannels> {
  return {
    'roster.open': notYetBuilt,
    'roster.remap': notYetBuilt,
    'roster.import': notYetBuilt,
    'roster.cancel': notYetBuilt,
    'roster.refusedRows': notYetBuilt,
    'roster.coverage': notYetBuilt,
    'roster.setRound': notYetBuilt,
    'roster.notYet': notYetBuilt,
    'roster.notYetFile': notYetBuilt,
    'roster.excuse': notYetBuilt,
    'roster.unexcuse': notYetBuilt,
    'roster.remove': notYetBuilt,
  };
}
