// Search and correct: find a person (ID number, phone, name) or a tube (barcode: its people, bag and handover), see
// the full record, correct a person's details or void a registration or a tube, each with a reason the trail keeps.
// After a correction the rows on screen are read again by their id, so they show the record as corrected even
// when it no longer matches what was typed.
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { CorrectForm } from './CorrectForm';
import { TubeTrace } from './TubeTrace';
import { VoidButton } from './VoidButton';
import './search.css';

// The manifest draws barcodes with bwip-js, a large library: it loads when a manifest is opened from here.
const ManifestView = lazy(() => import('../handover/ManifestView').then((module) => ({ default: module.ManifestView })));

type Found = Output<'site.searchPeople'>;
type Tube = Output<'site.tubePeople'>;
type Person = NonNullable<Output<'site.registration'>>;

export function SearchPanel() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [people, setPeople] = useState<Found | null>(null);
  const [tube, setTube] = useState<Tube>(null);
  const [opened, setOpened] = useState<Person | null>(null);
  const [correcting, setCorrecting] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [manifest, setManifest] = useState<string | null>(null);

  async function search(query = text): Promise<void> {
    const [found, inTube] = await Promise.all([
      bridge.call('site.searchPeople', { text: query }),
      bridge.call('site.tubePeople', { barcode: query.trim() }),
    ]);
    setPeople(found.ok ? found.value : []);
    setTube(inTube.ok ? inTube.value : null);
    setOpened(null);
  }

  async function open(registrationId: string): Promise<void> {
    const result = await bridge.call('site.registration', { registrationId });
    if (result.ok) setOpened(result.value);
  }

  /** The corrected record, read again by its id wherever it shows: found rows, the opened person, the tube's list. */
  async function corrected(registrationId: string): Promise<void> {
    setMessage(t('search.corrected'));
    setCorrecting(null);
    const [fresh, inTube] = await Promise.all([
      bridge.call('site.registration', { registrationId }),
      tube ? bridge.call('site.tubePeople', { barcode: tube.barcode }) : null,
    ]);
    if (fresh.ok && fresh.value) {
      const record = fresh.value;
      setPeople((now) => now?.map((person) => (person.registrationId === registrationId ? record : person)) ?? null);
      setOpened((now) => (now?.registrationId === registrationId ? record : now));
    }
    if (inTube?.ok) setTube(inTube.value);
  }

  const voided = () => {
    setMessage(t('search.voided'));
    void search();
  };

  if (manifest) {
    return (
      <Suspense>
        <ManifestView number={manifest} onClose={() => setManifest(null)} />
      </Suspense>
    );
  }

  return (
    <div className="search">
      <form
        className="card search-form"
        onSubmit={(event) => {
          event.preventDefault();
          setMessage(null);
          void search();
        }}
      >
        <input
          data-testid="search-text"
          value={text}
          placeholder={t('search.placeholder')}
          onChange={(event) => setText(event.currentTarget.value)}
        />
        <button type="submit" className="primary" data-testid="search-go">
          {t('search.go')}
        </button>
        <span className="muted">{t('search.audited')}</span>
      </form>
      {message && (
        <p className="setting-ok" role="status" data-testid="search-message">
          {message}
        </p>
      )}
      {correcting && <CorrectForm registrationId={correcting} onDone={() => void corrected(correcting)} onCancel={() => setCorrecting(null)} />}
      {opened && (
        <section className="card search-opened" data-testid="search-opened">
          <header>
            <h2>{t('search.openedTitle')}</h2>
            <button type="button" onClick={() => setOpened(null)}>
              {t('search.close')}
            </button>
          </header>
          <p>
            {t('search.where', { tube: opened.tube, position: opened.position, desk: opened.desk })} · {opened.name} · {opened.idNumber} ·{' '}
            {opened.phone} · {t(`search.status.${opened.status}`)}
          </p>
          {opened.status === 'active' && (
            <button type="button" data-testid="correct-opened" onClick={() => setCorrecting(opened.registrationId)}>
              {t('search.correct')}
            </button>
          )}
        </section>
      )}
      {tube && <TubeTrace tube={tube} onOpen={(id) => void open(id)} onManifest={setManifest} onVoided={voided} />}
      {people && (
        <table className="card data-table search-results" data-testid="search-results">
          <thead>
            <tr>
              {(['registeredAt', 'tube', 'name', 'idNumber', 'phone', 'status', 'actions'] as const).map((column) => (
                <th key={column}>{t(`search.columns.${column}`)}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {people.length === 0 && (
              <tr>
                <td colSpan={7} className="muted">
                  {t('search.none')}
                </td>
              </tr>
            )}
            {people.map((person) => (
              <tr key={person.registrationId} data-testid={`found-${person.registrationId}`}>
                <td>{new Date(person.registeredAt).toLocaleString('zh-CN', { hour12: false })}</td>
                <td>{t('search.where', { tube: person.tube, position: person.position, desk: person.desk })}</td>
                <td>{person.name}</td>
                <td>{person.idNumber}</td>
                <td>{person.phone}</td>
                <td>{t(`search.status.${person.status}`)}</td>
                <td className="search-actions">
                  {person.status === 'active' && (
                    <>
                      <button type="button" data-testid="correct" onClick={() => setCorrecting(person.registrationId)}>
                        {t('search.correct')}
                      </button>
                      <VoidButton
                        testId="void-registration"
                        onVoid={(reason) => bridge.call('site.voidRegistration', { registrationId: person.registrationId, reason })}
                        onDone={voided}
                      />
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
