import { useTranslation } from 'react-i18next';
import type { Output } from '../../src-main/core/contract';
import type { Shown } from './outcome';

type Tube = NonNullable<Output<'clerk.deskState'>['tube']>;

/**
 * The last result, big and coloured, so the clerk can read it at a glance from a metre away. Before any result (a
 * clerk just signed in), it says what to do next: go on with the tube the desk kept, or scan a new one.
 */
export function ResultBanner({ shown, tube }: { shown: Shown | null; tube: Tube | null }) {
  const { t } = useTranslation();
  if (!shown) {
    const kept = tube ? { barcode: tube.barcode, count: tube.people.length, capacity: tube.capacity } : null;
    return (
      <section className="result tone-idle" data-testid="result" data-tone="idle">
        <div className="result-title">{kept ? t('clerk.waitingKept') : t('clerk.waiting')}</div>
        <div className="result-hint">{kept ? t('clerk.waitingKeptHint', kept) : t('clerk.waitingHint')}</div>
      </section>
    );
  }
  return (
    <section className={`result tone-${shown.tone}`} data-testid="result" data-tone={shown.tone} role="status">
      <div className="result-title">{t(shown.title, shown.params)}</div>
      {shown.card?.sex && (
        // Beside the name: what the clerk compares with the face in front of them.
        <div className="result-card" data-testid="result-card">
          {t(shown.card.birthYear === null ? 'result.cardPersonNoYear' : 'result.cardPerson', {
            sex: t(`sex.${shown.card.sex}`),
            year: shown.card.birthYear,
          })}
        </div>
      )}
      <div className="result-hint">{t(shown.hint, shown.params)}</div>
      {shown.note && <div className="result-note">{t(shown.note.key, shown.note.params)}</div>}
    </section>
  );
}
