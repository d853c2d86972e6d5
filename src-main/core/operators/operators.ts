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
  /** The site's staff number (工号), where it uses them. */
  staffNumber: z.string().nullable(),
});
type OperatorView = z.output<typeof operatorViewSchema>;

export const signedInOperatorSchema = z.object({ id: z.string(), name: z.string() });
export type SignedInOperator = z.output<typeof signedInOperatorSchema>;

/** A name on a sign-in screen, with the role and the last characters of the staff number, so namesakes of two sites or
 * two shifts are told apart at a glance (the full number is not shown to whoever stands at the window). */
export const signInChoiceSchema = signedInOperatorSchema.extend({ role: operatorRoleSchema, staffTail: z.string().nullable() });
type SignInChoice = z.output<typeof signInChoiceSchema>;

/** Letters, digits and hyphens, as staff cards print them; empty clears it. */
const STAFF_NUMBER = /^[A-Za-z0-9-]{1,20}$/;
/** How much of the staff number a sign-in row shows. */
const STAFF_TAIL_LENGTH = 4;

/** What a manager sets on an operator; what is left out stays as it was. */
export const operatorChangesSchema = z.strictObject({
  /** Absent: a new operator. */
  id: z.uuid().optional(),
  name: z.string().max(100).optional(),
  role: operatorRoleSchema.optional(),
  pin: z.string().max(16).optional(),
  disabled: z.boolean().optional(),
  /** The staff number; an empty string clears it. */
  staffNumber: z.string().max(40).optional(),
});
export type OperatorChanges = z.output<typeof operatorChangesSchema>;

const operatorProblemSchema = z.enum([
  'operator-unknown',
  'name-missing',
  'name-too-long',
  'name-taken',
  'pin-format',
  'pin-needed',
  'role-needed',
  'staff-number-format',
]);
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
  staff_number: string | null;
}

const view = (row: OperatorRow): OperatorView => ({
  id: row.id,
  name: row.name,
  role: row.role,
  disabled: row.disabled_at !== null,
  createdAt: row.created_at,
  staffNumber: row.staff_number,
});

export function createOperators(db: Db, clock: Clock, record: RecordFact) {
  const all = db.prepare<[], OperatorRow>('SELECT * FROM operators ORDER BY role, name, created_at');
  const byId = db.prepare<[string], OperatorRow>('SELECT * FROM operators WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO operators (id, name, role, pin_hash, created_at, staff_number)
     VALUES (@id, @name, @role, @pinHash, @createdAt, @staffNumber)`,
  );
  const update = db.prepare(
    `UPDATE operators SET name = @name, role = @role, pin_hash = @pinHash, disabled_at = @disabledAt, staff_number = @staffNumber
     WHERE id = @id`,
  );
  // As the unique index compares (migration 11): a disabled operator's name stays theirs, so the trail names one person.
  const namesake = db.prepare<[string, string], { id: string }>('SELECT id FROM operators WHERE name = ? COLLATE NOCASE AND id <> ?');

  type Checked = { ok: true; name: string; staffNumber: string | null };
  /** The operator's name and staff number as they will be stored (unchanged when not given), or why not. */
  function check(changes: OperatorChanges, existing: OperatorRow | undefined): Checked | { ok: false; refusal: OperatorRefusal } {
    const refused = (problem: OperatorProblem) => ({ ok: false, refusal: { problem } }) as const;
    if (changes.id !== undefined && !existing) return refused('operator-unknown');
    if (!existing && changes.name === undefined) return refused('name-missing');
    const name = changes.name === undefined ? { ok: true as const, name: existing!.name } : checkName(changes.name);
    if (!name.ok) return name;
    if (name.name.length > MAX_NAME) return refused('name-too-long');
    if (namesake.get(name.name, existing?.id ?? '')) return refused('name-taken');
    if (changes.pin !== undefined && !PIN_PATTERN.test(changes.pin)) return refused('pin-format');
    if (!existing && changes.role === undefined) return refused('role-needed');
    if (!existing && changes.pin === undefined) return refused('pin-needed');
    const staffNumber = changes.staffNumber === undefined ? (existing?.staff_number ?? null) : changes.staffNumber.trim() || null;
    if (staffNumber !== null && !STAFF_NUMBER.test(staffNumber)) return refused('staff-number-format');
    return { ok: true, name: name.name, staffNumber };
  }

  return {
    list: (): OperatorView[] => all.all().map(view),

    /** Active operators of a role, for the sign-in screen of a window of that role. */
    signInList: (role: OperatorRole): SignInChoice[] =>
      all
        .all()
        .filter((row) => row.role === role && row.disabled_at === null && row.pin_hash !== null)
        .map(({ id, name, staff_number }) => ({ id, name, role, staffTail: staff_number?.slice(-STAFF_TAIL_LENGTH) ?? null })),

    /** Adds an operator (no id) or changes one; the PIN is hashed here and never recorded anywhere else. */
    save(changes: OperatorChanges, actor: string): SaveOperatorOutcome {
      return db
        .transaction((): SaveOperatorOutcome => {
          const existing = changes.id === undefined ? undefined : byId.get(changes.id);
          const checked = check(changes, existing);
          if (!checked.ok) return { result: 'refused', ...checked.refusal };
          const now = clock().toISOString();
          const { name, staffNumber } = checked;
          const pinHash = changes.pin === undefined ? existing!.pin_hash : hashPin(changes.pin);
          const trail = {
            name,
            role: changes.role ?? existing?.role,
            disabled: changes.disabled ?? false,
            pinChanged: changes.pin !== undefined,
            staffNumber,
          };
          if (!existing) {
            const id = randomUUID();
            insert.run({ id, name, role: changes.role, pinHash, createdAt: now, staffNumber });
            record({ kind: 'operator.added', subject: id, actor, data: trail });
            return { result: 'saved', operator: view(byId.get(id)!) };
          }
          const disabledAt = changes.disabled === undefined ? existing.disabled_at : changes.disabled ? (existing.disabled_at ?? now) : null;
          update.run({ id: existing.id, name, role: changes.role ?? existing.role, pinHash, disabledAt, staffNumber });
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
