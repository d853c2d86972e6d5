// Who calls a channel: the window (its role, and its desk for a clerk), and the operator signed in there.
import { z } from 'zod';
import { ROLES } from '../contract/names';
import type { SignedInOperator } from '../operators/operators';

export const roleSchema = z.enum(ROLES);

export const identitySchema = z.object({ role: roleSchema, desk: z.string().optional() });
export type Identity = z.output<typeof identitySchema>;

/** The window calling, and the operator signed in at it when the channel needs one (the core checks that first). */
export type Caller = Identity & { operator?: SignedInOperator };

/** The key of a window's session: one per desk for clerks. */
export function sessionKey(who: Identity): string {
  return who.desk === undefined ? who.role : `${who.role}@${who.desk}`;
}

/** The name the audit trail gives the caller: the window's role and desk, and the operator's id when signed in. */
export function actorOf(who: Caller): string {
  return who.operator ? `${sessionKey(who)}:${who.operator.id}` : sessionKey(who);
}

/** The window itself, without the operator the core added: what a session event is addressed to. */
export const windowOf = ({ role, desk }: Caller): Identity => (desk === undefined ? { role } : { role, desk });
