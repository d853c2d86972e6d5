// The one contract between the core and every window: each feature's channels (their roles, input and output
// schemas), merged into one table, and for each event its payload and the roles that receive it.
import { z } from 'zod';
import type { ChannelContract } from '../calls/channel';
import { identitySchema } from '../calls/caller';
import { deviceStateSchema } from '../domain/devices';
import { correctionChannels } from '../corrections/channels';
import { exportChannels } from '../export/channels';
import { backlogSchema } from '../facts/backlog';
import { maintenanceChannels } from '../maintenance/channels';
import { operatorChannels } from '../operators/channels';
import { paperworkChannels } from '../paperwork/channels';
import { sessionStateSchema } from '../operators/sessions';
import { preRegistrationChannels } from '../preRegistration/channels';
import { guideCardSchema } from '../preRegistration/guideCard';
import { registrationChannels } from '../registration/channels';
import { rosterChannels } from '../roster/channels';
import { rosterProgressSchema } from '../roster/ledgerFile';
import { coverageSchema } from '../roster/schemas';
import { readingOutcomeSchema } from '../registration/deskReadings';
import { deskStateSchema } from '../registration/tubeLoop';
import { siteChannels } from '../site/channels';
import { siteFeedChannels, siteViewSchema } from '../siteFeed/channels';
import { deskLiveSchema } from '../site/live';
import { totalsSchema } from '../site/totals';
import { transportChannels } from '../transport/channels';
import { uploadChannels } from '../upload/channels';
import { uploadStatusSchema } from '../upload/uploads';
import type { InputIssue } from '../domain/inputIssues';
import type { Role } from './names';

/** Every feature's channels, merged: each feature folder declares its own in its channels.ts. */
export const channels = {
  ...operatorChannels,
  ...registrationChannels,
  ...preRegistrationChannels,
  ...siteChannels,
  ...correctionChannels,
  ...transportChannels,
  ...exportChannels,
  ...paperworkChannels,
  ...uploadChannels,
  ...siteFeedChannels,
  ...rosterChannels,
  ...maintenanceChannels,
} satisfies Record<string, ChannelContract>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export const CHANNEL_NAMES = Object.keys(channels) as ChannelName[];

/** The channels a role may call: what that role's windows are given, and nothing more. */
export function channelsOf(role: Role): ChannelName[] {
  return CHANNEL_NAMES.filter((name) => (channels[name].roles as readonly Role[]).includes(role));
}

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
  // The other PCs of the site, the site's totals and its conflicts, as the mirror knows them now.
  'site.whole': { roles: ['manager'], payload: siteViewSchema },
  // The round's coverage, whenever a registration, an excuse or an import moved it.
  'roster.coverage': { roles: ['manager'], payload: coverageSchema },
  // How far a ledger's reading or import has come.
  'roster.progress': { roles: ['manager'], payload: rosterProgressSchema },
} satisfies Record<string, EventContract>;

export type EventName = keyof typeof events;
export type Input<C extends ChannelName> = z.input<Channels[C]['input']>;
export type Output<C extends ChannelName> = z.output<Channels[C]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]['payload']>;
export type { Identity } from '../calls/caller';
export { identitySchema };

/**
 * What every transport returns for a call: a value, or an error that says why nothing happened. The message is the
 * developer's; a window words the code, and for invalid input each issue beside the field it names.
 */
export type CallResult<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; error: { code: CallErrorCode; message: string; issues?: InputIssue[] } };

export const CALL_ERROR_CODES = [
  'unknown-channel',
  'forbidden',
  'invalid-input',
  'disk-full',
  'not-saved',
  'internal',
  // Nobody is signed in at the window, or it is locked: the operator signs in and tries again.
  'signed-out',
  'locked',
  // Raised by a window's bridge, not the core: the call never reached the station.
  'unreachable',
] as const;
export type CallErrorCode = (typeof CALL_ERROR_CODES)[number];

export type PushedEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];

export * from './names';
// Every problem a desk can be told of, for the catalogues that word them.
export { problemSchema } from '../registration/tubeLoop';
// Every problem of a refused input, for the catalogue that words them.
export { inputProblemSchema, type InputIssue } from '../domain/inputIssues';
