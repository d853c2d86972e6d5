// Correcting a person's details: the full record, each field checked as typed, and a reason. The old values stay
// in the trail.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bridge } from '../../shared/bridge';
import { PersonInputs, usePersonForm } from '../../shared/PersonInputs';
import { refusalParams } from '../../shared/refusalParams';
import type { DocumentType } from '../../../src-main/core/domain/documents';

export function CorrectForm({ registrationId, onDone, onCancel }: { registrationId: string; onDone: () => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const form = usePersonForm();
  const { set } = form;
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    void bridge.call('site.registration', { registrationId }).then((result) => {
      if (!result.ok || !result.value) return;
      const record = result.value;
      set('docType', record.docType as DocumentType);
      set('idNumber', record.idNumber);
      set('name', record.name);
      set('phone', record.phone);
    });
  }, [registrationId, set]);

  async function save(): Promise<void> {
    if (!form.attempt()) return;
    const result = await bridge.call('site.correctPerson', { registrationId, reason, ...form.person });
    if (!result.ok) return setProblem(t('search.reasonNeeded'));
    if (result.value.result === 'refused') {
      const refusal = result.value;
      const known = ['registration-voided', 'code-token', 'nothing-changed', 'person-already-in-tube'];
      return setProblem(
        t(known.includes(refusal.problem) ? `search.correctProblem.${refusal.problem}` : `problem.${refusal.problem}.title`, refusalParams(refusal)),
      );
    }
    onDone();
  }

  return (
    <form
      className="card person-form correct-form"
      data-testid="correct-form"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h2>{t('search.correctTitle')}</h2>
      <PersonInputs form={form} testIds="correct" />
      <label>
        <span>{t('search.reason')}</span>
        <input data-testid="correct-reason" value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
      </label>
      {problem && (
        <p className="setting-error" role="alert">
          {problem}
        </p>
      )}
      <div className="correct-actions">
        <button type="submit" className="primary" data-testid="correct-save">
          {t('search.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('search.cancel')}
        </button>
      </div>
    </form>
  );
}
