// The operators' channels: signing in and out at a window, locking it, the site's first manager, and the manager's
// list of operators.
import { z } from 'zod';
import { channel, managerChannel, noInput } from '../calls/channel';
import { identitySchema } from '../calls/caller';
import { orInvisibleCharacter } from '../domain/refusals';
import { operatorChangesSchema, operatorViewSchema, saveOperatorOutcomeSchema, signedInOperatorSchema } from './operators';
import { sessionStateSchema, signInOutcomeSchema } from './sessions';

export const firstManagerOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('signed-in'), operator: signedInOperatorSchema }),
  orInvisibleCharacter(
    z.object({
      result: z.literal('refused'),
      problem: z.enum(['site-has-manager', 'name-missing', 'name-too-long', 'name-taken', 'pin-format']),
    }),
  ),
]);

const WINDOWS = ['clerk', 'manager', 'guide'] as const;

export const operatorChannels = {
  'session.whoami': channel(WINDOWS, noInput, identitySchema),
  // Who is signed in at this window, whether it is locked, and who may sign in.
  'session.state': channel(WINDOWS, noInput, sessionStateSchema),
  'session.signIn': channel(WINDOWS, z.strictObject({ operatorId: z.uuid(), pin: z.string().max(16) }), signInOutcomeSchema),
  // A new site has no manager yet: the first one is made at the manager window and signed in there.
  'session.firstManager': channel(
    ['manager'],
    z.strictObject({ name: z.string().max(100), pin: z.string().max(16) }),
    firstManagerOutcomeSchema,
  ),
  // Locks the window now; a desk's open tube stays as it is.
  'session.lock': channel(WINDOWS, noInput, sessionStateSchema),
  'session.signOut': channel(WINDOWS, noInput, sessionStateSchema),
  'site.operators': managerChannel(noInput, z.array(operatorViewSchema)),
  // Adds an operator (no id) or changes one: name, role, a new PIN, disabled.
  'site.saveOperator': managerChannel(operatorChangesSchema, saveOperatorOutcomeSchema),
};
