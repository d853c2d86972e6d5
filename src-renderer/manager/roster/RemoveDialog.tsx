// Takes a person off the roster (moved away, died, listed by mistake): only with the reason, which the core keeps
// beside the trail. Enter confirms, Esc leaves the person on the roster.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { FieldProblem } from '../../shared/FieldProblem';
import { NOTHING_PLACED, placeFailure, say, type Placed } from '../../shared/problems';
import { RosterDialog } from './RosterDialog';

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

  const where = [person.building, person.unit, person.room].filter(Boolean).join(' ');
  return (
    <RosterDialog
      name="remove"
      title={t('coverage.remove.title', { name: person.name, where })}
      confirm={t('coverage.remove.confirm')}
      cancel={t('coverage.dialog.cancel')}
      onConfirm={() => void confirm()}
      onCancel={() => onClose(false)}
    >
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
    </RosterDialog>
  );
}
