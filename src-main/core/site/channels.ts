// The site's channels: the day's totals and every desk live, the site's settings (and the code-format tester), the
// tubes not yet in a bag and who is in a tube; and the device settings the station's device hub reads.
import { z } from 'zod';
import { channel, managerChannel, noInput } from '../calls/channel';
import { codeFormatSchema, codeFormatTestSchema } from '../domain/codeFormats';
import { deskLiveSchema } from './live';
import { siteSettingsSchema } from './settings';
import { totalsSchema } from './totals';
import { tubePeopleSchema } from './tubePeople';
import { unbaggedTubeSchema } from './unbagged';

export const siteChannels = {
  'site.totals': managerChannel(noInput, totalsSchema),
  // Every desk as it works now: open tube, last registration, people per hour, who is signed in, devices.
  'site.live': managerChannel(noInput, z.array(deskLiveSchema)),
  'site.settings': managerChannel(noInput, siteSettingsSchema),
  'site.updateSettings': managerChannel(siteSettingsSchema.partial().strict(), siteSettingsSchema),
  // The settings screen's tester: what the given formats (or the site's) make of a sample code. Stores nothing.
  'site.testCodeFormats': managerChannel(
    z.strictObject({ text: z.string().max(4096), formats: z.array(codeFormatSchema).max(20).optional() }),
    codeFormatTestSchema,
  ),
  'site.unbaggedTubes': managerChannel(noInput, z.array(unbaggedTubeSchema)),
  'site.tubePeople': managerChannel(z.strictObject({ barcode: z.string().max(64) }), tubePeopleSchema.nullable()),
  'device.config': channel(
    ['device'],
    noInput,
    z.object({
      profiles: siteSettingsSchema.shape.deviceProfiles,
      assignments: siteSettingsSchema.shape.deviceAssignments,
      names: siteSettingsSchema.shape.deviceNames,
    }),
  ),
};
