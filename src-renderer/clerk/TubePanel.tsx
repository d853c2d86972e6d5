import { useTranslation } from 'react-i18next';
import type { Output } from '../../src-main/core/contract';
import { useNow } from '../shared/useNow';
import { wallClock } from '../shared/wallClock';

type Tube = NonNullable<Output<'clerk.deskState'>['tube']>;

/** The open tube: its barcode, how full it is, and who is in it (masked). */
export function TubePanel({ tube }: { tube: Tube | null }) {
  const { t } = useTranslation();
  const now = useNow();
  if (!tube) {
    return (
      <section className="tube card tube-none" data-testid="tube" data-state="none">
        <div className="tube-none-text">{t('clerk.waiting')}</div>
      </section>
    );
  }
  const count = tube.people.length;
  return (
    <section className="tube card" data-testid="tube" data-state="open" data-count={count} data-capacity={tube.capacity}>
      <header className="tube-head">
        <div>
          <div className="tube-label">{t('clerk.tube')}</div>
          <div className="tube-barcode" data-testid="tube-barcode">
            {tube.barcode}
          </div>
        </div>
        <div className="tube-fill" data-testid="tube-fill">
          {t('clerk.fill', { count, capacity: tube.capacity })}
        </div>
      </header>
      <div className="gauge" aria-hidden="true">
        {Array.from({ length: tube.capacity }, (_, i) => (
          <span key={i} className={i < count ? 'slot filled' : 'slot'} />
        ))}
      </div>
      <div className="tube-opened">
        {t('clerk.openedAt', { time: wallClock(tube.openedAt) })} ·{' '}
        {t('clerk.openFor', { minutes: Math.max(0, Math.floor((now - Date.parse(tube.openedAt)) / 60_000)) })}
      </div>
      {count === 0 ? (
        <p className="tube-empty">{t('clerk.empty')}</p>
      ) : (
        <ol className="people" data-testid="people">
          {tube.people.map((person) => (
            <li key={person.position}>
              <span className="position">{person.position}</span>
              <span className="name">{person.name}</span>
              <span className="id">{person.idNumber}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
