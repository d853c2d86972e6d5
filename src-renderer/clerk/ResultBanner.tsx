import { useTranslation } from 'react-i18next';
import type { Shown } from './outcome';

/** The last result, big and coloured, so the clerk can read it at a glance from a metre away. */
export function ResultBanner({ shown }: { shown: Shown | null }) {
  const { t } = useTranslation();
  if (!shown) {
    return (
      <section className="result tone-idle" data-testid="result" data-tone="idle">
        <div className="result-title">{t('clerk.waiting')}</div>
        <div className="result-hint">{t('clerk.waitingHint')}</div>
      </section>
    );
  }
  return (
    <section className={`result tone-${shown.tone}`} data-testid="result" data-tone={shown.tone} role="status">
      <div className="result-title">{t(shown.title, shown.params)}</div>
      <div className="result-hint">{t(shown.hint, shown.params)}</div>
      {shown.note && <div className="result-note">{t(shown.note.key, shown.note.params)}</div>}
    </section>
  );
}
