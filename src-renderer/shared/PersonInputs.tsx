// The inputs of a person's details (document type, number, name, phone), each with the reason it is wrong shown
// beside it as it is typed. Used by a desk's manual entry and by the pre-registration window.
import { useCallback, useState, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { DOCUMENT_TYPES } from '../../src-main/core/domain/documents';
import { fieldProblems, PERSON_FIELDS, type EnteredPerson } from './personFields';
import { refusalParams } from './refusalParams';
import './person.css';

const EMPTY: EnteredPerson = { docType: 'resident-id', idNumber: '', name: '', phone: '' };

/** The form's state: what was typed, what is wrong or missing, and whether the person tried to send it. */
export function usePersonForm() {
  const [person, setPerson] = useState<EnteredPerson>(EMPTY);
  const [tried, setTried] = useState(false);
  const found = fieldProblems(person, new Date());
  const missing = PERSON_FIELDS.filter((field) => person[field].trim() === '');
  const set = useCallback((field: keyof EnteredPerson, value: string) => setPerson((now) => ({ ...now, [field]: value })), []);
  return {
    person,
    tried,
    found,
    missing,
    set,
    /** Marks the form as sent (missing fields now say so) and tells whether it may go. */
    attempt: (): boolean => {
      setTried(true);
      return missing.length === 0 && Object.keys(found).length === 0;
    },
    reset: () => {
      setPerson(EMPTY);
      setTried(false);
    },
  };
}

export type PersonForm = ReturnType<typeof usePersonForm>;

export function PersonInputs({
  form,
  testIds,
  firstRef,
  phoneRef,
}: {
  form: PersonForm;
  testIds: string;
  firstRef?: Ref<HTMLSelectElement>;
  /** The phone field: what is left to type once an ID card has filled the rest. */
  phoneRef?: Ref<HTMLInputElement>;
}) {
  const { t } = useTranslation();
  const { person, found, missing, tried } = form;
  return (
    <>
      <label>
        <span>{t('manual.docType')}</span>
        <select ref={firstRef} data-testid={`${testIds}-docType`} value={person.docType} onChange={(e) => form.set('docType', e.currentTarget.value)}>
          {DOCUMENT_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`manual.docTypes.${type}`)}
            </option>
          ))}
        </select>
      </label>
      {PERSON_FIELDS.map((field) => {
        const refusal = found[field];
        const reason = refusal
          ? t(`problem.${refusal.problem}.title`, refusalParams(refusal))
          : tried && missing.includes(field)
            ? t('manual.required')
            : null;
        return (
          <label key={field} className={reason ? 'invalid' : undefined}>
            <span>{t(`manual.${field}`)}</span>
            <input
              ref={field === 'phone' ? phoneRef : undefined}
              data-testid={`${testIds}-${field}`}
              value={person[field]}
              onChange={(e) => form.set(field, e.currentTarget.value)}
              autoComplete="off"
              spellCheck={false}
              inputMode={field === 'phone' ? 'tel' : undefined}
              aria-invalid={reason !== null}
            />
            <span className="reason" data-testid={`${testIds}-${field}-reason`}>
              {reason}
            </span>
          </label>
        );
      })}
    </>
  );
}
