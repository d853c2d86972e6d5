// The export's channel: the day's registrations as a file for the manager window to save.
import { z } from 'zod';
import { channel } from '../calls/channel';
import { dayExportSchema } from './dayExport';
import { fileSchema } from './file';

export const exportChannels = {
  // Answers once the background worker has written the file; a full export is in the audit trail first.
  'site.exportDay': channel(['manager'], dayExportSchema, z.object({ rows: z.number().int(), file: fileSchema }), { signedIn: true, async: true }),
};
