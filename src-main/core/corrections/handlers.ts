// What the corrections' channels do. A void changes the day's totals.
import { actorOf } from '../calls/caller';
import type { FeatureHandlers } from '../calls/channel';
import type { Services } from '../services';
import type { correctionChannels } from './channels';

export function correctionHandlers({ voids, searchPeople, corrections }: Services): FeatureHandlers<typeof correctionChannels> {
  return {
    'site.voidTube': ({ barcode, reason }, who, changed) => {
      const outcome = voids.voidTube(barcode, reason, actorOf(who));
      if (outcome.result !== 'refused') changed({ kind: 'totals' });
      return outcome;
    },
    'site.voidRegistration': ({ registrationId, reason }, who, changed) => {
      const outcome = voids.voidRegistration(registrationId, reason, actorOf(who));
      if (outcome.result !== 'refused') changed({ kind: 'totals' });
      return outcome;
    },
    'site.searchPeople': ({ text }, who) => searchPeople(text, actorOf(who)),
    'site.registration': ({ registrationId }, who) => corrections.detail(registrationId, actorOf(who)),
    'site.correctPerson': ({ registrationId, reason, ...changes }, who) => corrections.correct(registrationId, changes, reason, actorOf(who)),
  };
}
