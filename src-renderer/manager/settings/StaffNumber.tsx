// An operator's staff number, shown and changed in place (empty clears it); the sign-in row shows its last digits.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldProblem } from '../../shared/FieldProblem';
import { NOTHING_PLACED, type Placed } from '../../shared/problems';

export function StaffNumber({ name, value, onSave }: { name: string; value: string | null; onSave: (staffNumber: string) => Promise<Placed | null> }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
  const [placed, setPlaced] = useState<Placed>(NOTHING_PLACED);
  if (draft === null) {
    return (
      <>
        <span data-testid={`staff-number-${name}`}>{value ?? ''}</span>{' '}
        <button type="button" onClick={() => setDraft(value ?? '')}>
          {t('settings.setStaffNumber')}
        </button>
      </>
    );
  }
  return (
    <span className="new-pin">
      <label className="field">
        <input aria-label={t('settings.staffNumberFor', { name })} value={draft} onChange={(e) => setDraft(e.currentTarget.value)} />
        <FieldProblem placed={placed} field="staffNumber" />
      </label>
      <button
        type="button"
        className="primary"
        onClick={() =>
          void onSave(draft).then((refused) => {
            setPlaced(refused ?? NOTHING_PLACED);
            if (!refused) setDraft(null);
          })
        }
      >
        {t('settings.save')}
      </button>
    </span>
  );
}
