// Why a person of the not-yet list has not come: a reason (away, in hospital, sampled elsewhere, refused, or other
// with words), recorded by the core with who and when. Enter confirms, Esc leaves it unrecorded.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, Output } from '../../../src-main/core/contract';
import { EXCUSE_REASONS } from '../../../src-main/core/domain/roster';
import { bridge } from '../../shared/bridge';
import { FieldProblem } from '../../shared/FieldProblem';
import { NOTHING_PLACED, placeFailure, say, type Placed } from '../../shared/problems';
import { RosterDialog } from './RosterDialog';

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

  const where = [person.building, person.unit, person.room].filter(Boolean).join(' ');
  return (
    <RosterDialog
      name="excuse"
      title={t('coverage.dialog.title', { name: person.name, where })}
      confirm={t('coverage.dialog.confirm')}
      cancel={t('coverage.dialog.cancel')}
      onConfirm={() => void confirm()}
      onCancel={() => onClose(false)}
    >
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
    </RosterDialog>
  );
}
