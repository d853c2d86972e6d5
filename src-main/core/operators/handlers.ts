// What the operators' channels do. A sign-in, a sign-out and a lock change what that one window shows; a saved
// operator changes every sign-in screen.
import { actorOf, sessionKey, windowOf, type Identity } from '../calls/caller';
import type { FeatureHandlers } from '../calls/channel';
import type { Services } from '../services';
import type { operatorChannels } from './channels';
import type { OperatorRole, SignedInOperator } from './operators';
import type { Sessions } from './sessions';

/** Who may sign in at a window: clerks at desks and at the pre-registration window, managers at theirs. */
function operatorRole(who: Identity): OperatorRole {
  if (who.role === 'device') throw new Error('the device hub has no session');
  return who.role === 'guide' ? 'clerk' : who.role;
}

/** A window's session: who is signed in there, whether it is locked, and who may sign in. */
export const windowSession = (sessions: Sessions, who: Identity) => sessions.state(sessionKey(who), operatorRole(who));

export function operatorHandlers({ db, record, operators, sessions }: Services): FeatureHandlers<typeof operatorChannels> {
  const sessionState = (who: Identity) => windowSession(sessions, who);
  /** Sign-ins and sign-outs are kept in the trail, so it can tell who worked at a desk when. */
  const recordSession = (kind: 'session.signedIn' | 'session.signedOut', who: Identity, operator: SignedInOperator) =>
    db
      .transaction(() => record({ kind, subject: operator.id, actor: actorOf({ ...who, operator }), data: { name: operator.name } }))
      .immediate();

  return {
    'session.whoami': (_input, who) => windowOf(who),
    'session.state': (_input, who) => sessionState(who),
    'session.signIn': ({ operatorId, pin }, who, changed) => {
      const outcome = sessions.signIn(sessionKey(who), operatorRole(who), operatorId, pin);
      if (outcome.result === 'signed-in') {
        recordSession('session.signedIn', who, outcome.operator);
        changed({ kind: 'session', who: windowOf(who) });
      }
      return outcome;
    },
    'session.firstManager': ({ name, pin }, who, changed) => {
      if (operators.list().some((operator) => operator.role === 'manager')) return { result: 'refused', problem: 'site-has-manager' };
      const saved = operators.save({ name, role: 'manager', pin }, actorOf(who));
      if (saved.result === 'refused') {
        if (saved.problem === 'invisible-character') return saved;
        const { problem } = saved;
        if (problem === 'name-missing' || problem === 'name-too-long' || problem === 'name-taken' || problem === 'pin-format') {
          return { result: 'refused', problem };
        }
        throw new Error(`unexpected refusal of the first manager: ${problem}`);
      }
      const signedIn = sessions.signIn(sessionKey(who), 'manager', saved.operator.id, pin);
      if (signedIn.result !== 'signed-in') throw new Error('the first manager could not sign in');
      recordSession('session.signedIn', who, signedIn.operator);
      changed({ kind: 'session', who: windowOf(who) });
      return signedIn;
    },
    'session.lock': (_input, who, changed) => {
      sessions.lock(sessionKey(who));
      changed({ kind: 'session', who: windowOf(who) });
      return sessionState(who);
    },
    'session.signOut': (_input, who, changed) => {
      const { operator } = sessionState(who);
      sessions.signOut(sessionKey(who));
      if (operator) recordSession('session.signedOut', who, operator);
      changed({ kind: 'session', who: windowOf(who) });
      return sessionState(who);
    },
    'site.operators': () => operators.list(),
    'site.saveOperator': (changes, who, changed) => {
      const outcome = operators.save(changes, actorOf(who));
      // Every sign-in screen lists who may sign in: a new, renamed or disabled operator shows at once.
      if (outcome.result === 'saved') changed({ kind: 'operators' });
      return outcome;
    },
  };
}
