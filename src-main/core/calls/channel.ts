// How a feature declares a channel (who may call it, its input and output, what else the core must know of it), and
// the shape of the handlers that implement a feature's channels. The contract merges every feature's declarations.
import { z } from 'zod';
import type { Role } from '../contract/names';
import type { Caller, Identity } from './caller';
import type { Change } from './change';

export interface ChannelContract<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  roles: readonly Role[];
  input: I;
  output: O;
  /** Only a window with an operator signed in, and not locked, may call it. */
  signedIn: boolean;
  /** Answers later (it writes a file): only the transports' asynchronous call reaches it. */
  async: boolean;
  /** The window whose signed-in operator the call acts for, when the caller is no window (a desk's device). */
  actsFor?(input: z.output<I>): Identity;
  /** What to tell the windows when the call fails, for a caller nobody waits on (a device's reading). */
  failed?(input: z.output<I>, error: { code: string; message: string }): Change;
}

interface ChannelOptions<I extends z.ZodType> {
  signedIn?: boolean;
  async?: boolean;
  actsFor?(input: z.output<I>): Identity;
  failed?(input: z.output<I>, error: { code: string; message: string }): Change;
}

export function channel<I extends z.ZodType, O extends z.ZodType>(
  roles: readonly Role[],
  input: I,
  output: O,
  { signedIn = false, async = false, ...rest }: ChannelOptions<I> = {},
): ChannelContract<I, O> {
  return { roles, input, output, signedIn, async, ...rest };
}

export const SIGNED_IN = { signedIn: true };

/** Everything a manager does needs a manager signed in at the manager window. */
export function managerChannel<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): ChannelContract<I, O> {
  return channel(['manager'], input, output, SIGNED_IN);
}

export const noInput = z.strictObject({});

export type ChannelTable = Record<string, ChannelContract>;

/** A handler gets input already validated against its channel and the caller; it reports the changes it made. */
export type Handler<C extends ChannelContract> = (
  input: z.output<C['input']>,
  who: Caller,
  changed: (change: Change) => void,
) => z.output<C['output']> | Promise<z.output<C['output']>>;

/** One handler for each of a feature's channels, and none besides. */
export type FeatureHandlers<T extends ChannelTable> = { [C in keyof T]: Handler<T[C]> };
