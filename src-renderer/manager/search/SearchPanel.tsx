// Search and correct: find a person (ID number, phone, name) or a tube (barcode), see the full record, correct a
// person's details or void a registration or a tube, each with a reason the trail keeps.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { CorrectForm } from './CorrectForm';
import { VoidButton } from './VoidButton';
import './search.css';

type Found = Output<'site.searchPeople'>;
type Tube = Output<'site.tubePeople'>;

export function SearchPanel() {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [people, setPeople] = useState<Found | null>(null);
  const [tube, setTube] = useState<Tube>(null);
  const [correcting, setCorrecting] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  async function search(query = text): Promise<void> {
    const [found, inTube] = await Promise.all([
      bridge.call('site.searchPeople', { text: query }),
      bridge.call('site.tubePeople', { barcode: query.trim() }),
    ]);
    setPeople(found.ok ? found.value : []);
    setTube(inTube.ok ? inTube.value : null);
  }

  const done = (key: string) => {
    setMessage(t(key));
    setCorrecting(null);
    void search();
  };

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
      {correcting && <CorrectForm registrationId={correcting} onDone={() => done('search.corrected')} onCancel={() => setCorrecting(null)} />}
      {tube && (
        <section className="card search-tube" data-testid="search-tube">
          <header>
            <h2>{t('search.tube', { barcode: tube.barcode, desk: tube.desk })}</h2>
            <span className="muted">{t(tube.voided ? 'search.tubeVoided' : `search.tubeStatus.${tube.status}`)}</span>
            {!tube.voided && tube.status === 'sealed' && (
              <VoidButton testId="void-tube" onVoid={(reason) => bridge.call('site.voidTube', { barcode: tube.barcode, reason })} onDone={() => done('search.voided')} />
            )}
          </header>
        </section>
      )}
      {people && (
        <table className="card search-results" data-testid="search-results">
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
                        onDone={() => done('search.voided')}
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
