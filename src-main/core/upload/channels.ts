// Uploading's channels: what waits for the platform (every window's backlog), where uploading stands, a try now,
// the facts the platform refused (held, never deleted) and the way back, and the platform's settings.
import { z } from 'zod';
import { channel, managerChannel, noInput } from '../calls/channel';
import { backlogSchema } from '../facts/backlog';
import { heldFactsSchema, uploadStatusSchema } from './uploads';
import { saveUploadOutcomeSchema, uploadFieldsSchema, uploadSettingsViewSchema, uploadTokenSchema } from './uploadSettings';

export const uploadChannels = {
  // The facts waiting for the platform: how many, and since when.
  'station.backlog': channel(['clerk', 'manager'], noInput, backlogSchema),
  'site.upload': managerChannel(noInput, uploadStatusSchema),
  'site.uploadNow': managerChannel(noInput, uploadStatusSchema),
  'site.heldFacts': managerChannel(noInput, heldFactsSchema),
  'site.releaseHeld': managerChannel(
    z.strictObject({ factIds: z.array(z.uuid()).min(1).max(1000).optional() }),
    z.object({ released: z.number().int() }),
  ),
  // The platform's token is write-only: the view says whether one is set, never what it is.
  'site.uploadSettings': managerChannel(noInput, uploadSettingsViewSchema),
  'site.saveUploadSettings': managerChannel(
    uploadFieldsSchema.partial().extend({ token: uploadTokenSchema.optional() }).strict(),
    saveUploadOutcomeSchema,
  ),
};
