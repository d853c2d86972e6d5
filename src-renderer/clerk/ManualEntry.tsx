// Manual entry, for a person with neither card nor code: document type, number, name, phone, each checked as it
// is typed with the same rules the core applies, and the reason shown beside the field. Enter registers, Esc
// closes; the scan field takes the focus back either way.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../src-main/core/contract';
import { DOCUMENT_TYPES, validateDocument, type DocumentType } from '../../src-main/core/domain/documents';
import { checkPerson } from '../../src-main/core/domain/person';

export type EnteredPerson = Input<'clerk.enterPerson'>;

type Field = 'idNumber' | 'name' | 'phone';

/** Key caps, the same in every language. */
const KEYS = { register: 'Enter', cancel: 'Esc' } as const;

/** What is wrong with each field as typed so far; an empty field says nothing until the clerk tries to register. */
function problems(person: EnteredPerson, today: Date): Partial<Record<Field, string>> {
  const found: Partial<Record<Field, string>> = {};
  if (person.idNumber.trim() !== '') {
    const document = validateDocument(person.docType, person.idNumber, today);
    if (!document.ok) found.idNumber = document.problem;
  }
  // The person check stops at its first problem: ask it about each field with the others made valid.
  const valid = { docType: 'passport', idNumber: 'E12345678', name: '张三', phone: '13800000000' } as const;
  if (person.name !== '') {
    const name = checkPerson({ ...valid, name: person.name }, today);
    if (!name.ok) found.name = name.problem;
  }
  if (person.phone !== '') {
    const phone = checkPerson({ ...valid, phone: person.phone }, today);
    if (!phone.ok) found.phone = phone.problem;
  }
  return found;
}

export function ManualEntry({ onSubmit, onClose }: { onSubmit: (person: EnteredPerson) => void; onClose: () => void }) {
  const { t } = useTranslation();
  const [person, setPerson] = useState<EnteredPerson>({ docType: 'resident-id', idNumber: '', name: '', phone: '' });
  const [tried, setTried] = useState(false);
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), []);

  const found = problems(person, new Date());
  const missing = (['idNumber', 'name', 'phone'] as const).filter((field) => person[field].trim() === '');
  const set = (field: keyof EnteredPerson) => (event: { currentTarget: { value: string } }) => {
    const value = event.currentTarget.value;
    setPerson((now) => ({ ...now, [field]: value }));
  };

  const reasonOf = (field: Field) => {
    if (found[field]) return t(`problem.${found[field]}.title`);
    if (tried && missing.includes(field)) return t('manual.required');
    return null;
  };

  return (
    <div className="dialog-backdrop">
      <form
        className="dialog card manual"
        data-testid="manual-entry"
        aria-label={t('manual.title')}
        onSubmit={(event) => event.preventDefault()}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onClose();
          if (event.key !== 'Enter') return;
          event.preventDefault();
          setTried(true);
          if (missing.length === 0 && Object.keys(found).length === 0) onSubmit(person);
        }}
      >
        <h2>{t('manual.title')}</h2>
        <label>
          <span>{t('manual.docType')}</span>
          <select ref={first} data-testid="manual-docType" value={person.docType} onChange={set('docType')}>
            {DOCUMENT_TYPES.map((type: DocumentType) => (
              <option key={type} value={type}>
                {t(`manual.docTypes.${type}`)}
              </option>
            ))}
          </select>
        </label>
        {(['idNumber', 'name', 'phone'] as const).map((field) => {
          const reason = reasonOf(field);
          return (
            <label key={field} className={reason ? 'invalid' : undefined}>
              <span>{t(`manual.${field}`)}</span>
              <input
                data-testid={`manual-${field}`}
                value={person[field]}
                onChange={set(field)}
                autoComplete="off"
                spellCheck={false}
                inputMode={field === 'phone' ? 'tel' : undefined}
                aria-invalid={reason !== null}
              />
              <span className="reason" data-testid={`manual-${field}-reason`}>
                {reason}
              </span>
            </label>
          );
        })}
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
