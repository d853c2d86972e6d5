// The one contract between the core and every window: for each channel its input and output schema and
// the roles that may call it; for each event its payload and the roles that receive it.
import { z } from 'zod';
import type { ChannelName, EventName, Role } from './names';
import { codeFormatSchema } from '../domain/codeFormats';
import { DOCUMENT_TYPES } from '../domain/documents';
import { OPERATOR_ROLES } from '../operators/operators';
import { siteSettingsSchema } from '../site/settings';
import {
  backlogSchema,
  bagViewSchema,
  codeFormatTestSchema,
  correctionOutcomeSchema,
  healthSchema,
  deskStateSchema,
  deviceReadingSchema,
  deviceStateSchema,
  handoverInputSchema,
  handoverOutcomeSchema,
  identitySchema,
  noInput,
  operatorViewSchema,
  packingOutcomeSchema,
  readingOutcomeSchema,
  reasonSchema,
  registrationDetailSchema,
  saveOperatorOutcomeSchema,
  scanOutcomeSchema,
  sealOutcomeSchema,
  sessionStateSchema,
  signInOutcomeSchema,
  totalsSchema,
  tubePeopleSchema,
  unbaggedTubeSchema,
  undoOutcomeSchema,
  voidOutcomeSchema,
} from './schemas';

export interface ChannelContract<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  roles: readonly Role[];
  input: I;
  output: O;
  /** Only a window with an operator signed in, and not locked, may call it. */
  signedIn: boolean;
}

function channel<I extends z.ZodType, O extends z.ZodType>(
  roles: readonly Role[],
  input: I,
  output: O,
  options: { signedIn?: boolean } = {},
): ChannelContract<I, O> {
  return { roles, input, output, signedIn: options.signedIn ?? false };
}

const SIGNED_IN = { signedIn: true };

export const channels = {
  'session.whoami': channel(['clerk', 'manager'], noInput, identitySchema),
  // Who is signed in at this window, whether it is locked, and who may sign in.
  'session.state': channel(['clerk'], noInput, sessionStateSchema),
  'session.signIn': channel(
    ['clerk'],
    z.strictObject({ operatorId: z.uuid(), pin: z.string().max(16) }),
    signInOutcomeSchema,
  ),
  // Locks the window now; the open tube stays as it is.
  'session.lock': channel(['clerk'], noInput, sessionStateSchema),
  'session.signOut': channel(['clerk'], noInput, sessionStateSchema),
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
  'site.totals': channel(['manager'], noInput, totalsSchema),
  'site.settings': channel(['manager'], noInput, siteSettingsSchema),
  'site.updateSettings': channel(['manager'], siteSettingsSchema.partial().strict(), siteSettingsSchema),
  // The settings screen's tester: what the given formats (or the site's) make of a sample code. Stores nothing.
  'site.testCodeFormats': channel(
    ['manager'],
    z.strictObject({ text: z.string().max(4096), formats: z.array(codeFormatSchema).max(20).optional() }),
    codeFormatTestSchema,
  ),
  'site.voidTube': channel(['manager'], z.strictObject({ barcode: z.string().max(64), reason: reasonSchema }), voidOutcomeSchema),
  'site.voidRegistration': channel(
    ['manager'],
    z.strictObject({ registrationId: z.uuid(), reason: reasonSchema }),
    voidOutcomeSchema,
  ),
  'site.tubePeople': channel(['manager'], z.strictObject({ barcode: z.string().max(64) }), tubePeopleSchema.nullable()),
  // In full: for the screen where the manager corrects that very record.
  'site.registration': channel(
    ['manager'],
    z.strictObject({ registrationId: z.uuid() }),
    registrationDetailSchema.nullable(),
  ),
  'site.correctPerson': channel(
    ['manager'],
    z.strictObject({
      registrationId: z.uuid(),
      docType: z.enum(DOCUMENT_TYPES).optional(),
      idNumber: z.string().max(64).optional(),
      name: z.string().max(100).optional(),
      phone: z.string().max(32).optional(),
      reason: reasonSchema,
    }),
    correctionOutcomeSchema,
  ),
  'site.operators': channel(['manager'], noInput, z.array(operatorViewSchema)),
  // Adds an operator (no id) or changes one: name, role, a new PIN, disabled.
  'site.saveOperator': channel(
    ['manager'],
    z.strictObject({
      id: z.uuid().optional(),
      name: z.string().max(100).optional(),
      role: z.enum(OPERATOR_ROLES).optional(),
      pin: z.string().max(16).optional(),
      disabled: z.boolean().optional(),
    }),
    saveOperatorOutcomeSchema,
  ),
  'site.unbaggedTubes': channel(['manager'], noInput, z.array(unbaggedTubeSchema)),
  // Every device this station sees, including the unknown ones a manager may assign in the settings.
  'site.devices': channel(['manager'], noInput, z.array(deviceStateSchema)),
  'site.handover': channel(['manager'], handoverInputSchema, handoverOutcomeSchema),
  'packing.scan': channel(['manager'], z.strictObject({ text: z.string().max(4096) }), packingOutcomeSchema),
  'packing.sealNow': channel(['manager'], noInput, packingOutcomeSchema),
  'packing.openBag': channel(['manager'], noInput, bagViewSchema.nullable()),
  // The device hub's side: what a desk's device read, every device's state, and the site's device settings.
  'device.input': channel(
    ['device'],
    z.strictObject({
      desk: z.string().max(8),
      device: z.string().max(300),
      label: z.string().max(200),
      reading: deviceReadingSchema,
    }),
    scanOutcomeSchema,
  ),
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
  'session.changed': { roles: ['clerk'], payload: sessionStateSchema },
  'backlog.changed': { roles: ['clerk', 'manager'], payload: backlogSchema },
  'totals.changed': { roles: ['manager'], payload: totalsSchema },
  'site.devices': { roles: ['manager'], payload: z.array(deviceStateSchema) },
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
