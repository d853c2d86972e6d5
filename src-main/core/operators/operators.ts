// The people who sign in at this station's windows: clerks at the desks, managers behind them. A manager
// adds, renames, re-PINs and disables them; nobody is ever deleted, so the trail can always name who did what.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/database';
import type { Clock } from '../clock';
import { checkName } from '../domain/person';
import type { InvisibleCharacterProblem } from '../domain/personText';
import { orInvisibleCharacter } from '../domain/refusals';
import type { RecordFact } from '../facts/record';
import { hashPin, pinMatches, PIN_PATTERN } from './pin';

export const operatorRoleSchema = z.enum(['clerk', 'manager']);
export type OperatorRole = z.output<typeof operatorRoleSchema>;

export const operatorViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: operatorRoleSchema,
  disabled: z.boolean(),
  createdAt: z.string(),
});
type OperatorView = z.output<typeof operatorViewSchema>;

export const signedInOperatorSchema = z.object({ id: z.string(), name: z.string() });
export type SignedInOperator = z.output<typeof signedInOperatorSchema>;

/** What a manager sets on an operator; what is left out stays as it was. */
export const operatorChangesSchema = z.strictObject({
  /** Absent: a new operator. */
  id: z.uuid().optional(),
  name: z.string().max(100).optional(),
  role: operatorRoleSchema.optional(),
  pin: z.string().max(16).optional(),
  disabled: z.boolean().optional(),
});
export type OperatorChanges = z.output<typeof operatorChangesSchema>;

const operatorProblemSchema = z.enum(['operator-unknown', 'name-missing', 'name-too-long', 'pin-format', 'pin-needed', 'role-needed']);
type OperatorProblem = z.output<typeof operatorProblemSchema>;

/** Why an operator was not saved: a problem by its name, or an invisible character in the name, which and where. */
type OperatorRefusal = { problem: OperatorProblem } | InvisibleCharacterProblem;

export const saveOperatorOutcomeSchema = z.discriminatedUnion('result', [
  z.object({ result: z.literal('saved'), operator: operatorViewSchema }),
  orInvisibleCharacter(z.object({ result: z.literal('refused'), problem: operatorProblemSchema })),
]);
type SaveOperatorOutcome = z.output<typeof saveOperatorOutcomeSchema>;

const MAX_NAME = 40;

interface OperatorRow {
  id: string;
  name: string;
  role: OperatorRole;
  pin_hash: string | null;
  created_at: string;
  disabled_at: string | null;
}

const view = (row: OperatorRow): OperatorView => ({
  id: row.id,
  name: row.name,
  role: row.role,
  disabled: row.disabled_at !== null,
  createdAt: row.created_at,
});

export function createOperators(db: Db, clock: Clock, record: RecordFact) {
  const all = db.prepare<[], OperatorRow>('SELECT * FROM operators ORDER BY role, name, created_at');
  const byId = db.prepare<[string], OperatorRow>('SELECT * FROM operators WHERE id = ?');
  const insert = db.prepare(
    'INSERT INTO operators (id, name, role, pin_hash, created_at) VALUES (@id, @name, @role, @pinHash, @createdAt)',
  );
  const update = db.prepare(
    'UPDATE operators SET name = @name, role = @role, pin_hash = @pinHash, disabled_at = @disabledAt WHERE id = @id',
  );

  /** The operator's name as it will be stored (unchanged when not given), or why the changes are refused. */
  function check(changes: OperatorChanges, existing: OperatorRow | undefined): { ok: true; name: string } | { ok: false; refusal: OperatorRefusal } {
    const refused = (problem: OperatorProblem) => ({ ok: false, refusal: { problem } }) as const;
    if (changes.id !== undefined && !existing) return refused('operator-unknown');
    if (!existing && changes.name === undefined) return refused('name-missing');
    const name = changes.name === undefined ? { ok: true as const, name: existing!.name } : checkName(changes.name);
    if (!name.ok) return name;
    if (name.name.length > MAX_NAME) return refused('name-too-long');
    if (changes.pin !== undefined && !PIN_PATTERN.test(changes.pin)) return refused('pin-format');
    if (!existing && changes.role === undefined) return refused('role-needed');
    if (!existing && changes.pin === undefined) return refused('pin-needed');
    return name;
  }

  return {
    list: (): OperatorView[] => all.all().map(view),

    /** Active operators of a role, for the sign-in screen of a window of that role. */
    signInList: (role: OperatorRole): SignedInOperator[] =>
      all
        .all()
        .filter((row) => row.role === role && row.disabled_at === null && row.pin_hash !== null)
        .map(({ id, name }) => ({ id, name })),

    /** Adds an operator (no id) or changes one; the PIN is hashed here and never recorded anywhere else. */
    save(changes: OperatorChanges, actor: string): SaveOperatorOutcome {
      return db
        .transaction((): SaveOperatorOutcome => {
          const existing = changes.id === undefined ? undefined : byId.get(changes.id);
          const checked = check(changes, existing);
          if (!checked.ok) return { result: 'refused', ...checked.refusal };
          const now = clock().toISOString();
          const { name } = checked;
          const pinHash = changes.pin === undefined ? existing!.pin_hash : hashPin(changes.pin);
          const trail = { name, role: changes.role ?? existing?.role, disabled: changes.disabled ?? false, pinChanged: changes.pin !== undefined };
          if (!existing) {
            const id = randomUUID();
            insert.run({ id, name, role: changes.role, pinHash, createdAt: now });
            record({ kind: 'operator.added', subject: id, actor, data: trail });
            return { result: 'saved', operator: view(byId.get(id)!) };
          }
          const disabledAt = changes.disabled === undefined ? existing.disabled_at : changes.disabled ? (existing.disabled_at ?? now) : null;
          update.run({ id: existing.id, name, role: changes.role ?? existing.role, pinHash, disabledAt });
          record({ kind: 'operator.changed', subject: existing.id, actor, data: { ...trail, disabled: disabledAt !== null, old: view(existing) } });
          return { result: 'saved', operator: view(byId.get(existing.id)!) };
        })
        .immediate();
    },

    /** Whether the operator may still work: a manager may disable a clerk who is signed in. */
    isActive(id: string): boolean {
      const row = byId.get(id);
      return row !== undefined && row.disabled_at === null;
    },

    /** The operator, when the PIN is theirs and they may sign in as this role. */
    verify(id: string, pin: string, role: OperatorRole): SignedInOperator | null {
      const row = byId.get(id);
      if (!row || row.role !== role || row.disabled_at !== null || row.pin_hash === null) return null;
      return pinMatches(pin, row.pin_hash) ? { id: row.id, name: row.name } : null;
    },
  };
}

export type Operators = ReturnType<typeof createOperators>;
