// Why a person of the not-yet list has not come: a reason (away, in hospital, sampled elsewhere, refused, or other
// with words), recorded by the core with who and when. Enter confirms, Esc leaves it unrecorded.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, Output } from '../../../src-main/core/contract';
import { EXCUSE_REASONS } from '../../../src-main/core/domain/roster';
import { bridge } from '../../shared/bridge';
import { FieldProblem } from '../../shared/FieldProblem';
import { NOTHING_PLACED, placeFailure, say, type Placed } from '../../shared/problems';

type Person = Output<'roster.notYet'>['people'][number];
type Reason = Input<'roster.excuse'>['reason'];

const FIELDS = ['reason', 'note'] as const;

export function ExcuseDialog({ person, onClose }: { person: Person; onClose: (changed: boolean) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<Reason>('away');
  const [note, setNote] = useState('');
  const [placed, setPlaced] = useState<Placed>(NOTHING_PLACED);

  async function confirm(): Promise<void> {
    const result = await bridge.call('roster.excuse', { personId: person.id, reason, note });
    if (!result.ok) return setPlaced(placeFailure(result.error, FIELDS));
    onClose(true);
  }

  return (
    <form
      className="card excuse-dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby="excuse-title"
      data-testid="excuse-dialog"
      onSubmit={(event) => {
        event.preventDefault();
        void confirm();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onClose(false);
        // Enter confirms from a reason's radio button too, not only from the note (the browser submits from text alone).
        else if (event.key === 'Enter' && (event.target as HTMLInputElement).type === 'radio') {
          event.preventDefault();
          void confirm();
        }
      }}
    >
      <h3 id="excuse-title">{t('coverage.dialog.title', { name: person.name, where: [person.building, person.unit, person.room].filter(Boolean).join(' ') })}</h3>
      <fieldset>
        <legend>{t('coverage.dialog.reason')}</legend>
        {EXCUSE_REASONS.map((choice, i) => (
          <label key={choice}>
            <input
              type="radio"
              name="excuse-reason"
              autoFocus={i === 0}
              data-testid={`excuse-${choice}`}
              checked={reason === choice}
              onChange={() => setReason(choice)}
            />
            <span>{t(`coverage.reasons.${choice}`)}</span>
          </label>
        ))}
      </fieldset>
      <label className="excuse-note">
        <span>{t('coverage.dialog.note')}</span>
        <input data-testid="excuse-note" value={note} maxLength={200} aria-invalid={placed.fields.note !== undefined} onChange={(event) => setNote(event.currentTarget.value)} />
        <FieldProblem placed={placed} field="note" />
      </label>
      {placed.general && !placed.fields.note && (
        <p className="setting-error" role="alert">
          {say(t, placed.general)}
        </p>
      )}
      <div className="roster-actions">
        <button type="submit" className="primary" data-testid="excuse-confirm">
          {t('coverage.dialog.confirm')}
        </button>
        <button type="button" className="secondary" data-testid="excuse-cancel" onClick={() => onClose(false)}>
          {t('coverage.dialog.cancel')}
        </button>
      </div>
    </form>
  );
}
