// The manager's corrections: voiding a tube or a registration, finding a person, and correcting their details.
import { z } from 'zod';
import { managerChannel } from '../calls/channel';
import { correctionOutcomeSchema, personCorrectionSchema, registrationDetailSchema } from './personDetails';
import { foundPersonSchema } from './search';
import { voidOutcomeSchema } from './voids';

/** Why the manager voids or corrects: kept in the trail and sent to the platform. */
export const reasonSchema = z.string().trim().min(2).max(200);

export const correctionChannels = {
  'site.voidTube': managerChannel(z.strictObject({ barcode: z.string().max(64), reason: reasonSchema }), voidOutcomeSchema),
  'site.voidRegistration': managerChannel(z.strictObject({ registrationId: z.uuid(), reason: reasonSchema }), voidOutcomeSchema),
  // In full, and audited: by ID number, phone or name, the newest first.
  'site.searchPeople': managerChannel(z.strictObject({ text: z.string().max(100) }), z.array(foundPersonSchema)),
  // In full, and audited: a person opened from a tube's masked list, or the record the manager corrects.
  'site.registration': managerChannel(z.strictObject({ registrationId: z.uuid() }), registrationDetailSchema.nullable()),
  'site.correctPerson': managerChannel(
    personCorrectionSchema.extend({ registrationId: z.uuid(), reason: reasonSchema }),
    correctionOutcomeSchema,
  ),
};
