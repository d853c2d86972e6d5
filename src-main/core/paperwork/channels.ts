// The day's paperwork: the handovers of a day (to open and reprint a manifest), the tubes that would be left
// behind, and the end-of-day summary.
import { z } from 'zod';
import { managerChannel, noInput } from '../calls/channel';
import { daySummarySchema } from './daySummary';
import { handoverDaySchema, handoverSummarySchema } from './handoverList';
import { looseTubesSchema } from './looseTubes';

const daySchema = z.strictObject({ day: z.iso.date() });

export const paperworkChannels = {
  // The days that had handovers, the newest first.
  'site.handoverDays': managerChannel(noInput, z.array(handoverDaySchema)),
  'site.handovers': managerChannel(daySchema, z.array(handoverSummarySchema)),
  // Sealed tubes in no bag and tubes still open at a desk, and when the site's day ends.
  'site.looseTubes': managerChannel(noInput, looseTubesSchema),
  'site.daySummary': managerChannel(daySchema, daySummarySchema),
};
