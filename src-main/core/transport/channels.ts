// Transport's channels: packing sealed tubes into bags, handing bags to a courier, and the manifest that goes with
// them, on screen and as a file.
import { z } from 'zod';
import { channel, managerChannel, noInput } from '../calls/channel';
import { fileSchema, spreadsheetFormatSchema } from '../export/file';
import { exportLanguageSchema } from '../export/words';
import { handoverInputSchema, handoverOutcomeSchema } from './handover';
import { manifestSchema, waitingBagSchema } from './manifest';
import { bagViewSchema, packingOutcomeSchema } from './packing';

export const transportChannels = {
  // `confirm` answers the warning the manager was shown for this same label (the open bag is not full).
  'packing.scan': managerChannel(z.strictObject({ text: z.string().max(4096), confirm: z.boolean().optional() }), packingOutcomeSchema),
  'packing.sealNow': managerChannel(noInput, packingOutcomeSchema),
  // An empty bag opened by mistake, set aside.
  'packing.dropBag': managerChannel(noInput, packingOutcomeSchema),
  'packing.openBag': managerChannel(noInput, bagViewSchema.nullable()),
  'site.handover': managerChannel(handoverInputSchema, handoverOutcomeSchema),
  // Sealed bags no courier has taken yet, for the handover screen.
  'site.waitingBags': managerChannel(noInput, z.array(waitingBagSchema)),
  'site.manifest': managerChannel(z.strictObject({ number: z.string().max(20) }), manifestSchema.nullable()),
  'site.manifestFile': channel(
    ['manager'],
    // The file's words are Chinese unless English is asked for.
    z.strictObject({ number: z.string().max(20), format: spreadsheetFormatSchema, language: exportLanguageSchema.default('zh') }),
    fileSchema.nullable(),
    { signedIn: true, async: true },
  ),
};
