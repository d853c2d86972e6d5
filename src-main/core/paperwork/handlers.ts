// What the day's paperwork channels do: each reads, none changes anything.
import type { FeatureHandlers } from '../calls/channel';
import type { Services } from '../services';
import type { paperworkChannels } from './channels';

export function paperworkHandlers({ handoverList, looseTubes, daySummary }: Services): FeatureHandlers<typeof paperworkChannels> {
  return {
    'site.handoverDays': () => handoverList.days(),
    'site.handovers': ({ day }) => handoverList.onDay(day),
    'site.looseTubes': () => looseTubes(),
    'site.daySummary': ({ day }) => daySummary(day),
  };
}
