// An operator's staff number, shown and changed in place (empty clears it); the sign-in row shows its last digits.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function StaffNumber({ name, value, onSave }: { name: string; value: string | null; onSave: (staffNumber: string) => Promise<boolean> }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<string | null>(null);
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
      <input aria-label={t('settings.staffNumberFor', { name })} value={draft} onChange={(e) => setDraft(e.currentTarget.value)} />
      <button type="button" className="primary" onClick={() => void onSave(draft).then((ok) => ok && setDraft(null))}>
        {t('settings.save')}
      </button>
    </span>
  );
}
