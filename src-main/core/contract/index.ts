// The one contract between the core and every window: for each channel its input and output schema and
// the roles that may call it; for each event its payload and the roles that receive it.
import { z } from 'zod';
import type { ChannelName, EventName, Role } from './names';
import { codeFormatSchema } from '../domain/codeFormats';
import { DOCUMENT_TYPES } from '../domain/documents';
import { deviceInputSchema, deviceStateSchema, notUnderstoodScanSchema } from '../domain/devices';
import { correctionOutcomeSchema, personCorrectionSchema, registrationDetailSchema } from '../corrections/personDetails';
import { foundPersonSchema } from '../corrections/search';
import { voidOutcomeSchema } from '../corrections/voids';
import { backlogSchema } from '../facts/backlog';
import { operatorChangesSchema, operatorViewSchema, saveOperatorOutcomeSchema } from '../operators/operators';
import { sessionStateSchema, signInOutcomeSchema } from '../operators/sessions';
import { deskStateSchema, scanOutcomeSchema, sealOutcomeSchema, undoOutcomeSchema } from '../registration/tubeLoop';
import { siteSettingsSchema } from '../site/settings';
import { totalsSchema } from '../site/totals';
import { tubePeopleSchema } from '../site/tubePeople';
import { unbaggedTubeSchema } from '../site/unbagged';
import { handoverInputSchema, handoverOutcomeSchema } from '../transport/handover';
import { manifestSchema, waitingBagSchema } from '../transport/manifest';
import { bagViewSchema, packingOutcomeSchema } from '../transport/packing';
import { heldFactsSchema, uploadStatusSchema } from '../upload/uploads';
import {
  saveUploadOutcomeSchema,
  uploadFieldsSchema,
  uploadSettingsViewSchema,
  uploadTokenSchema,
} from '../upload/uploadSettings';
import {
  codeFormatTestSchema,
  healthSchema,
  deskLiveSchema,
  identitySchema,
  noInput,
  readingOutcomeSchema,
  reasonSchema,
  fileSchema,
  guideCardSchema,
  firstManagerOutcomeSchema,
  stickerOutcomeSchema,
} from './schemas';

export interface ChannelContract<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  roles: readonly Role[];
  input: I;
  output: O;
  /** Only a window with an operator signed in, and not locked, may call it. */
  signedIn: boolean;
  /** Answers later (it writes a file): only the transports' asynchronous call reaches it. */
  async: boolean;
}

function channel<I extends z.ZodType, O extends z.ZodType>(
  roles: readonly Role[],
  input: I,
  output: O,
  options: { signedIn?: boolean; async?: boolean } = {},
): ChannelContract<I, O> {
  return { roles, input, output, signedIn: options.signedIn ?? false, async: options.async ?? false };
}

const SIGNED_IN = { signedIn: true };

/** Everything a manager does needs a manager signed in at the manager window. */
function managerChannel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ChannelContract<I, O> {
  return channel(['manager'], input, output, SIGNED_IN);
}

export const channels = {
  'session.whoami': channel(['clerk', 'manager', 'guide'], noInput, identitySchema),
  // Who is signed in at this window, whether it is locked, and who may sign in.
  'session.state': channel(['clerk', 'manager', 'guide'], noInput, sessionStateSchema),
  'session.signIn': channel(
    ['clerk', 'manager', 'guide'],
    z.strictObject({ operatorId: z.uuid(), pin: z.string().max(16) }),
    signInOutcomeSchema,
  ),
  // A new site has no manager yet: the first one is made at the manager window and signed in there.
  'session.firstManager': channel(
    ['manager'],
    z.strictObject({ name: z.string().max(100), pin: z.string().max(16) }),
    firstManagerOutcomeSchema,
  ),
  // Locks the window now; a desk's open tube stays as it is.
  'session.lock': channel(['clerk', 'manager', 'guide'], noInput, sessionStateSchema),
  'session.signOut': channel(['clerk', 'manager', 'guide'], noInput, sessionStateSchema),
  'station.health': channel(['clerk', 'manager'], noInput, healthSchema),
  // The facts waiting for the platform: how many, and since when.
  'station.backlog': channel(['clerk', 'manager'], noInput, backlogSchema),
  'clerk.deskState': channel(['clerk'], noInput, deskStateSchema),
  // A scan is at most 4 KB of UTF-8; the limit here is on characters, the byte limit is a domain rule.
  // `confirm` answers the warning the clerk was shown for this same scan (a person already sampled today).
  'clerk.scan': channel(
    ['clerk'],
    z.strictObject({ text: z.string().max(4096), confirm: z.boolean().optional(), typed: z.boolean().optional() }),
    scanOutcomeSchema,
    SIGNED_IN,
  ),
  'clerk.enterPerson': channel(
    ['clerk'],
    z.strictObject({
      docType: z.enum(DOCUMENT_TYPES),
      idNumber: z.string().max(64),
      name: z.string().max(100),
      phone: z.string().max(32),
      confirm: z.boolean().optional(),
    }),
    scanOutcomeSchema,
    SIGNED_IN,
  ),
  'clerk.sealNow': channel(['clerk'], noInput, sealOutcomeSchema, SIGNED_IN),
  'clerk.undo': channel(['clerk'], noInput, undoOutcomeSchema, SIGNED_IN),
  'clerk.devices': channel(['clerk'], noInput, z.array(deviceStateSchema)),
  // Confirms the warning a reading by this desk's own device raised (a person already sampled today).
  'clerk.confirmReading': channel(['clerk'], noInput, scanOutcomeSchema, SIGNED_IN),
  // Pre-registration: a person's details become a sticker whose QR code registers them with one scan at any desk.
  'guide.sticker': channel(
    ['guide'],
    z.strictObject({ docType: z.enum(DOCUMENT_TYPES), idNumber: z.string().max(64), name: z.string().max(100), phone: z.string().max(32) }),
    stickerOutcomeSchema,
    SIGNED_IN,
  ),
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
  'site.voidTube': managerChannel(z.strictObject({ barcode: z.string().max(64), reason: reasonSchema }), voidOutcomeSchema),
  'site.voidRegistration': managerChannel(
    z.strictObject({ registrationId: z.uuid(), reason: reasonSchema }),
    voidOutcomeSchema,
  ),
  // In full, and audited: by ID number, phone or name, the newest first.
  'site.searchPeople': managerChannel(z.strictObject({ text: z.string().max(100) }), z.array(foundPersonSchema)),
  'site.tubePeople': managerChannel(z.strictObject({ barcode: z.string().max(64) }), tubePeopleSchema.nullable()),
  // In full: for the screen where the manager corrects that very record.
  'site.registration': managerChannel(
    z.strictObject({ registrationId: z.uuid() }),
    registrationDetailSchema.nullable(),
  ),
  'site.correctPerson': managerChannel(
    personCorrectionSchema.extend({ registrationId: z.uuid(), reason: reasonSchema }),
    correctionOutcomeSchema,
  ),
  'site.operators': managerChannel(noInput, z.array(operatorViewSchema)),
  // Adds an operator (no id) or changes one: name, role, a new PIN, disabled.
  'site.saveOperator': managerChannel(operatorChangesSchema, saveOperatorOutcomeSchema),
  'site.unbaggedTubes': managerChannel(noInput, z.array(unbaggedTubeSchema)),
  // Every device this station sees, including the unknown ones a manager may assign in the settings.
  'site.devices': managerChannel(noInput, z.array(deviceStateSchema)),
  'site.handover': managerChannel(handoverInputSchema, handoverOutcomeSchema),
  // Sealed bags no courier has taken yet, for the handover screen.
  'site.waitingBags': managerChannel(noInput, z.array(waitingBagSchema)),
  'site.manifest': managerChannel(z.strictObject({ number: z.string().max(20) }), manifestSchema.nullable()),
  'site.manifestFile': channel(
    ['manager'],
    z.strictObject({ number: z.string().max(20), format: z.enum(['csv', 'xlsx']) }),
    fileSchema.nullable(),
    { signedIn: true, async: true },
  ),
  // Uploading: where it stands, a try now, the facts the platform refused (held, never deleted) and the way back.
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
  'packing.scan': managerChannel(z.strictObject({ text: z.string().max(4096) }), packingOutcomeSchema),
  'packing.sealNow': managerChannel(noInput, packingOutcomeSchema),
  'packing.openBag': managerChannel(noInput, bagViewSchema.nullable()),
  // The device hub's side: what a desk's device read, every device's state, and the site's device settings.
  'device.input': channel(
    ['device'],
    deviceInputSchema,
    // At the pre-registration window a card is read into the form, not registered; a scan there is ignored.
    z.union([scanOutcomeSchema, z.object({ result: z.enum(['read-for-guide', 'ignored']) })]),
  ),
  // Told to the desk whether or not a clerk is signed in there (nothing is stored either way), at most once a second.
  'device.notUnderstood': channel(['device'], notUnderstoodScanSchema, z.null()),
  'device.states': channel(['device'], z.strictObject({ states: z.array(deviceStateSchema).max(200) }), z.null()),
  'device.config': channel(
    ['device'],
    noInput,
    z.object({ profiles: siteSettingsSchema.shape.deviceProfiles, assignments: siteSettingsSchema.shape.deviceAssignments }),
  ),
} satisfies Record<ChannelName, ChannelContract>;

export interface EventContract<P extends z.ZodType = z.ZodType> {
  roles: readonly Role[];
  payload: P;
}

export const events = {
  // Only the clerk window of that desk receives it.
  'desk.changed': { roles: ['clerk'], payload: deskStateSchema },
  'desk.reading': { roles: ['clerk'], payload: readingOutcomeSchema },
  'desk.devices': { roles: ['clerk'], payload: z.array(deviceStateSchema) },
  // To the window whose session changed: signed in, locked, signed out.
  'session.changed': { roles: ['clerk', 'manager', 'guide'], payload: sessionStateSchema },
  'backlog.changed': { roles: ['clerk', 'manager'], payload: backlogSchema },
  // An ID card on the pre-registration window's reader: the details for its form, or why the card was refused.
  'guide.card': { roles: ['guide'], payload: guideCardSchema },
  'totals.changed': { roles: ['manager'], payload: totalsSchema },
  'site.live': { roles: ['manager'], payload: z.array(deskLiveSchema) },
  'site.devices': { roles: ['manager'], payload: z.array(deviceStateSchema) },
  'upload.changed': { roles: ['manager'], payload: uploadStatusSchema },
} satisfies Record<EventName, EventContract>;

export type Channels = typeof channels;
export type Input<C extends ChannelName> = z.input<Channels[C]['input']>;
export type Output<C extends ChannelName> = z.output<Channels[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]['payload']>;
export type Identity = z.output<typeof identitySchema>;

/** What every transport returns for a call: a value, or an error that says why nothing happened. */
export type CallResult<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; error: { code: CallErrorCode; message: string } };

export type CallErrorCode =
  | 'unknown-channel'
  | 'forbidden'
  | 'invalid-input'
  | 'disk-full'
  | 'not-saved'
  | 'internal'
  // Nobody is signed in at the window, or it is locked: the operator signs in and tries again.
  | 'signed-out'
  | 'locked'
  // Raised by a window's bridge, not the core: the call never reached the station.
  | 'unreachable';

export type PushedEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

export * from './names';
export * from './schemas';
// Every problem a desk can be told of, for the catalogues that word them.
export { problemSchema } from '../registration/tubeLoop';
