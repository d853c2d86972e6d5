// The desk's channels: the tube loop (scan, a person typed in, seal, undo, a warning confirmed) and the desk's own
// devices, whose readings the station's device hub hands in for the clerk signed in at that desk.
import { z } from 'zod';
import { channel, managerChannel, noInput, SIGNED_IN } from '../calls/channel';
import { GUIDE_DESK } from '../contract/names';
import { deskSettingsSchema } from '../domain/deskSettings';
import { deviceInputSchema, deviceStateSchema, notUnderstoodScanSchema } from '../domain/devices';
import { personFieldsSchema } from '../domain/person';
import { deskStateSchema, scanOutcomeSchema, sealOutcomeSchema, undoOutcomeSchema } from './tubeLoop';

export const registrationChannels = {
  'clerk.deskState': channel(['clerk'], noInput, deskStateSchema),
  // A scan is at most 4 KB of UTF-8; the limit here is on characters, the byte limit is a domain rule.
  // `confirm` answers the warning the clerk was shown for this same scan (a person already sampled today).
  'clerk.scan': channel(
    ['clerk'],
    z.strictObject({ text: z.string().max(4096), confirm: z.boolean().optional(), typed: z.boolean().optional() }),
    scanOutcomeSchema,
    SIGNED_IN,
  ),
  'clerk.enterPerson': channel(['clerk'], personFieldsSchema.extend({ confirm: z.boolean().optional() }), scanOutcomeSchema, SIGNED_IN),
  'clerk.sealNow': channel(['clerk'], noInput, sealOutcomeSchema, SIGNED_IN),
  'clerk.undo': channel(['clerk'], noInput, undoOutcomeSchema, SIGNED_IN),
  'clerk.devices': channel(['clerk'], noInput, z.array(deviceStateSchema)),
  // The desk's own settings: names on its screen and what is read out; set by the clerk working there.
  'clerk.deskSettings': channel(['clerk'], noInput, deskSettingsSchema),
  'clerk.saveDeskSettings': channel(['clerk'], deskSettingsSchema, deskSettingsSchema, SIGNED_IN),
  // Confirms the warning a reading by this desk's own device raised (a person already sampled today).
  'clerk.confirmReading': channel(['clerk'], noInput, scanOutcomeSchema, SIGNED_IN),
  // Every device this station sees, including the unknown ones a manager may assign in the settings.
  'site.devices': managerChannel(noInput, z.array(deviceStateSchema)),
  // The device hub's side: what a desk's device read. It acts for the clerk signed in at that desk (the
  // pre-registration window's reader for whoever is signed in there), and only while one is; nobody waits on its
  // answer, so a reading that could not be saved is told to the desk.
  'device.input': channel(
    ['device'],
    deviceInputSchema,
    // At the pre-registration window a card is read into the form, not registered; a scan there is ignored.
    z.union([scanOutcomeSchema, z.object({ result: z.enum(['read-for-guide', 'ignored']) })]),
    {
      actsFor: ({ desk }) => (desk === GUIDE_DESK ? { role: 'guide' } : { role: 'clerk', desk }),
      failed: ({ desk, label, reading }, error) => ({
        kind: 'reading',
        desk,
        reading: { device: label, kind: reading.kind, outcome: null, error },
      }),
    },
  ),
  // Told to the desk whether or not a clerk is signed in there (nothing is stored either way), at most once a second.
  'device.notUnderstood': channel(['device'], notUnderstoodScanSchema, z.null()),
  'device.states': channel(['device'], z.strictObject({ states: z.array(deviceStateSchema).max(200) }), z.null()),
};
