// Takes a person off the roster (moved away, died, listed by mistake): only with the reason, which the core keeps
// beside the trail. Enter confirms, Esc leaves the person on the roster.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { FieldProblem } from '../../shared/FieldProblem';
import { NOTHING_PLACED, placeFailure, say, type Placed } from '../../shared/problems';

type Person = Output<'roster.notYet'>['people'][number];

const FIELDS = ['reason'] as const;

export function RemoveDialog({ person, onClose }: { person: Person; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [placed, setPlaced] = useState<Placed>(NOTHING_PLACED);

  async function confirm(): Promise<void> {
    const result = await bridge.call('roster.remove', { personId: person.id, reason });
    if (!result.ok) return setPlaced(placeFailure(result.error, FIELDS));
    onClose(true);
  }

  return (
    <form
      className="card excuse-dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby="remove-title"
      data-testid="remove-dialog"
      onSubmit={(event) => {
        event.preventDefault();
        void confirm();
      }}
      onKeyDown={(event) => event.key === 'Escape' && onClose(false)}
    >
      <h3 id="remove-title">{t('coverage.remove.title', { name: person.name, where: [person.building, person.unit, person.room].filter(Boolean).join(' ') })}</h3>
      <label className="excuse-note">
        <span>{t('coverage.remove.reason')}</span>
        <input
          autoFocus
          data-testid="remove-reason"
          value={reason}
          maxLength={200}
          aria-invalid={placed.fields.reason !== undefined}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        <FieldProblem placed={placed} field="reason" />
      </label>
      {placed.general && !placed.fields.reason && (
        <p className="setting-error" role="alert">
          {say(t, placed.general)}
        </p>
      )}
      <div className="roster-actions">
        <button type="submit" className="primary" data-testid="remove-confirm">
          {t('coverage.remove.confirm')}
        </button>
        <button type="button" className="secondary" data-testid="remove-cancel" onClick={() => onClose(false)}>
          {t('coverage.dialog.cancel')}
        </button>
      </div>
    </form>
  );
}
