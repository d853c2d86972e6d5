// Manual entry, for a person with neither card nor code: document type, number, name, phone, each checked as it
// is typed with the same rules the core applies, and the reason shown beside the field. Enter registers, Esc
// closes; the scan field takes the focus back either way.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { PersonInputs, usePersonForm } from '../shared/PersonInputs';
import type { EnteredPerson } from '../shared/personFields';

export type { EnteredPerson };

/** Key caps, the same in every language. */
const KEYS = { register: 'Enter', cancel: 'Esc' } as const;

export function ManualEntry({ onSubmit, onClose }: { onSubmit: (person: EnteredPerson) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const form = usePersonForm();
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);

  return (
    <div className="dialog-backdrop">
      <form
        className="dialog card person-form"
        data-testid="manual-entry"
        aria-label={t('manual.title')}
        onSubmit={(event) => event.preventDefault()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
          if (event.key !== 'Enter') return;
          event.preventDefault();
          if (form.attempt()) onSubmit(form.person);
        }}
      >
        <h2>{t('manual.title')}</h2>
        <PersonInputs form={form} testIds="manual" firstRef={first} />
        <footer className="dialog-keys">
          {(['register', 'cancel'] as const).map((action) => (
            <span key={action}>
              <kbd>{KEYS[action]}</kbd> {t(`manual.${action}`)}
            </span>
          ))}
        </footer>
      </form>
    </div>
  );
}
