// Who is signed in at each window, and whether it is locked. A desk locks itself after the site's idle time;
// locking keeps the open tube exactly as it is, and any clerk of the site may sign in to go on with it.
import { z } from 'zod';
import type { Clock } from '../clock';
import { signedInOperatorSchema, signInChoiceSchema, type OperatorRole, type Operators, type SignedInOperator } from './operators';

/** Wrong PINs in a row before the window refuses every PIN for a while. */
export const MAX_PIN_FAILURES = 5;
export const PIN_BLOCK_MS = 60_000;

export const sessionStateSchema = z.object({
  operator: signedInOperatorSchema.nullable(),
  locked: z.boolean(),
  /** Seconds of inactivity left before the window locks itself; null when nobody is signed in or it is locked. */
  locksInSeconds: z.number().int().nullable(),
  /** Who may sign in at this window. */
  operators: z.array(signInChoiceSchema),
});
type SessionState = z.output<typeof sessionStateSchema>;

export const signInOutcomeSchema = z.union([
  z.object({ result: z.literal('signed-in'), operator: signedInOperatorSchema }),
  z.object({ result: z.literal('refused'), problem: z.literal('pin-wrong'), attemptsLeft: z.number().int() }),
  z.object({ result: z.literal('refused'), problem: z.literal('too-many-attempts'), waitSeconds: z.number().int() }),
]);
type SignInOutcome = z.output<typeof signInOutcomeSchema>;

/** What a window may do right now: act as its operator, or nothing until somebody signs in. */
export type Access = { operator: SignedInOperator } | { refused: 'signed-out' | 'locked' };

interface Session {
  operator: SignedInOperator | null;
  locked: boolean;
  lastActivity: number;
  failures: number;
  blockedUntil: number;
}

export function createSessions(operators: Operators, clock: Clock, idleLockMs: () => number) {
  const sessions = new Map<string, Session>();

  function session(key: string): Session {
    let found = sessions.get(key);
    if (!found) {
      found = { operator: null, locked: false, lastActivity: 0, failures: 0, blockedUntil: 0 };
      sessions.set(key, found);
    }
    // A clerk the manager disabled is signed out at once.
    if (found.operator && !operators.isActive(found.operator.id)) Object.assign(found, { operator: null, locked: false });
    // Idle time is judged when somebody asks, so a desk nobody touched is locked whatever the window does.
    if (found.operator && !found.locked && clock().getTime() - found.lastActivity >= idleLockMs()) found.locked = true;
    return found;
  }

  return {
    state(key: string, role: OperatorRole): SessionState {
      const s = session(key);
      const left = s.operator && !s.locked ? Math.ceil((s.lastActivity + idleLockMs() - clock().getTime()) / 1000) : null;
      return { operator: s.operator, locked: s.locked, locksInSeconds: left, operators: operators.signInList(role) };
    },

    signIn(key: string, role: OperatorRole, operatorId: string, pin: string): SignInOutcome {
      const s = session(key);
      const now = clock().getTime();
      if (now < s.blockedUntil) return { result: 'refused', problem: 'too-many-attempts', waitSeconds: Math.ceil((s.blockedUntil - now) / 1000) };
      const operator = operators.verify(operatorId, pin, role);
      if (!operator) {
        s.failures += 1;
        if (s.failures < MAX_PIN_FAILURES) return { result: 'refused', problem: 'pin-wrong', attemptsLeft: MAX_PIN_FAILURES - s.failures };
        s.failures = 0;
        s.blockedUntil = now + PIN_BLOCK_MS;
        return { result: 'refused', problem: 'too-many-attempts', waitSeconds: PIN_BLOCK_MS / 1000 };
      }
      Object.assign(s, { operator, locked: false, lastActivity: now, failures: 0, blockedUntil: 0 });
      return { result: 'signed-in', operator };
    },

    lock(key: string): void {
      const s = session(key);
      if (s.operator) s.locked = true;
    },

    signOut(key: string): void {
      Object.assign(session(key), { operator: null, locked: false });
    },

    /** The desks a clerk is signed in at (locked or not), from their session keys. */
    signedInDesks(): string[] {
      return [...sessions.entries()].flatMap(([key, s]) => (s.operator && key.startsWith('clerk@') ? [key.slice('clerk@'.length)] : []));
    },

    /** Whether the window may act now; when it may, this counts as activity and postpones the idle lock. */
    access(key: string): Access {
      const s = session(key);
      if (!s.operator) return { refused: 'signed-out' };
      if (s.locked) return { refused: 'locked' };
      s.lastActivity = clock().getTime();
      return { operator: s.operator };
    },
  };
}

export type Sessions = ReturnType<typeof createSessions>;
