// A person of the roster excused with a reason (away, in hospital, sampled elsewhere, refused, or other words), the
// excuse undone, or the person taken off the roster: each one fact with who and when, kept on this PC. Each changes
// the person by id in every version of the roster, so an import being built carries it too.
import { RefusedInput } from '../calls/refusedInput';
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { RecordFact } from '../facts/record';
import type { NotYet } from './notYet';
import type { ExcuseReason, RosterRow } from './schemas';

/** Who did it: the trail's actor, and the name the list shows. */
interface By {
  actor: string;
  name: string;
}

export function createExcusals(db: Db, clock: Clock, record: RecordFact, notYet: NotYet) {
  const excuse = db.prepare(
    `UPDATE roster_people SET excused_reason = @reason, excused_note = @note, excused_at = @at, excused_by = @by
     WHERE id = @id AND removed_at IS NULL`,
  );
  const unexcuse = db.prepare(
    'UPDATE roster_people SET excused_reason = NULL, excused_note = NULL, excused_at = NULL, excused_by = NULL WHERE id = ? AND excused_at IS NOT NULL',
  );
  const remove = db.prepare('UPDATE roster_people SET removed_at = @at, removed_reason = @reason WHERE id = @id AND removed_at IS NULL');
  const onRoster = db.prepare<[string], number>('SELECT 1 FROM roster_people WHERE id = ? AND removed_at IS NULL AND version = (SELECT version FROM roster_state)').pluck();

  /** The person as the list shows them after the change; a person the roster does not hold is a refused input. */
  function shown(id: string): RosterRow {
    const person = notYet.person(id);
    if (!person) throw new RefusedInput(`The roster holds no person ${id}.`, [{ path: ['personId'], problem: 'not-on-roster' }]);
    return person;
  }

  return {
    excuse(id: string, reason: ExcuseReason, note: string, by: By): RosterRow {
      db.transaction(() => {
        const at = clock().toISOString();
        if (!onRoster.get(id)) return;
        if (excuse.run({ id, reason, note: note.trim(), at, by: by.name }).changes === 0) return;
        record({ kind: 'roster.excused', subject: id, actor: by.actor, data: { reason }, private: { note: note.trim() } });
      }).immediate();
      return shown(id);
    },

    unexcuse(id: string, by: By): RosterRow {
      db.transaction(() => {
        if (unexcuse.run(id).changes === 0) return;
        record({ kind: 'roster.unexcused', subject: id, actor: by.actor, data: {} });
      }).immediate();
      return shown(id);
    },

    remove(id: string, reason: string, by: By): boolean {
      return db
        .transaction(() => {
          if (!onRoster.get(id)) return false;
          if (remove.run({ id, reason, at: clock().toISOString() }).changes === 0) return false;
          record({ kind: 'roster.removed', subject: id, actor: by.actor, data: {}, private: { reason } });
          return true;
        })
        .immediate();
    },
  };
}
