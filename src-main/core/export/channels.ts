// The export's channels: the day's registrations as a file for the manager window to save, made first, then
// fetched in parts.
import { z } from 'zod';
import { channel, managerChannel } from '../calls/channel';
import { dayExportSchema, madeFileSchema } from './dayExport';

export const exportChannels = {
  // Answers once the background worker has made the file; a full export is in the audit trail first.
  'site.exportDay': channel(['manager'], dayExportSchema, madeFileSchema, { signedIn: true, async: true }),
  'site.exportPart': managerChannel(
    z.strictObject({ id: z.uuid(), part: z.number().int().min(0).max(100_000) }),
    z.object({ base64: z.string() }).nullable(),
  ),
};
