// Voiding asks for the reason first (the trail keeps it), then says what the core answered.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallResult, Output } from '../../../src-main/core/contract';
import { refusalParams } from '../../shared/refusalParams';

export function VoidButton({
  testId,
  onVoid,
  onDone,
}: {
  testId: string;
  onVoid: (reason: string) => Promise<CallResult<Output<'site.voidTube'>>>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  if (!asking) {
    return (
      <button type="button" data-testid={testId} onClick={() => setAsking(true)}>
        {t('search.void')}
      </button>
    );
  }
  return (
    <span className="void-reason">
      <input data-testid={`${testId}-reason`} value={reason} placeholder={t('search.reason')} onChange={(e) => setReason(e.currentTarget.value)} />
      <button
        type="button"
        className="primary"
        data-testid={`${testId}-confirm`}
        onClick={() =>
          void onVoid(reason).then((result) => {
            if (!result.ok) setProblem(t('search.reasonNeeded'));
            else if (result.value.result === 'refused') setProblem(t(`search.voidProblem.${result.value.problem}`, refusalParams(result.value)));
            else onDone();
          })
        }
      >
        {t('search.confirmVoid')}
      </button>
      {problem && <span className="setting-error">{problem}</span>}
    </span>
  );
}
