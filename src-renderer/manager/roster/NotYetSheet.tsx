// The not-yet list on A4 for the grid worker who will knock on the doors: the site, the round, the filter and the
// time at the top, then every person by address with an empty column for the worker's notes. Printed with the
// browser's print (or Electron's), like the manifest; the table's header repeats on each page.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { localTime } from '../handover/localTime';
import { AddressCells, AddressHeads } from './AddressColumns';
import type { Filter } from './NotYetFilters';
import './notYetSheet.css';

type Person = Output<'roster.notYet'>['people'][number];
type Round = Output<'roster.coverage'>['round'];

/** The most the core answers at once. */
const BATCH = 1000;

/** Every person of the list, page after page; null when a page did not come. */
async function everyone(filter: Filter, full: boolean): Promise<Person[] | null> {
  const people: Person[] = [];
  for (;;) {
    const result = await bridge.call('roster.notYet', { filter, full, offset: people.length, limit: BATCH });
    if (!result.ok) return null;
    people.push(...result.value.people);
    if (result.value.people.length === 0 || people.length >= result.value.total) return people;
  }
}

export function NotYetSheet({ filter, full, round, onClose }: { filter: Filter; full: boolean; round: Round; onClose: () => void }) {
  const { t } = useTranslation();
  const [people, setPeople] = useState<Person[] | null>(null);
  const [site, setSite] = useState('');
  const [failed, setFailed] = useState(false);
  const [madeAt] = useState(() => new Date().toISOString());

  useEffect(() => {
    void everyone(filter, full).then((found) => (found ? setPeople(found) : setFailed(true)));
    void bridge.call('site.settings', {}).then((result) => result.ok && setSite(result.value.siteName));
  }, [filter, full]);

  const chosen = (['grid', 'building', 'unit', 'tag'] as const).flatMap((key) => (filter[key] ? [`${t(key === 'unit' ? 'coverage.list.unit' : `coverage.${key}`)} ${filter[key]}`] : []));
  return (
    <div className="not-yet-screen">
      <div className="roster-actions no-print">
        <button type="button" className="primary" autoFocus data-testid="sheet-print" disabled={people === null} onClick={() => window.print()}>
          {t('coverage.sheet.print')}
        </button>
        <button type="button" className="secondary" data-testid="sheet-back" onClick={onClose}>
          {t('coverage.sheet.back')}
        </button>
        {failed && (
          <span className="setting-error" role="alert">
            {t('coverage.list.failed')}
          </span>
        )}
      </div>
      {people && (
        <article className="not-yet-sheet card" data-testid="not-yet-sheet">
          <header>
            <h2>{t('coverage.sheet.title', { site: site || '—' })}</h2>
            <p>
              {t('coverage.sheet.round', round)} · {t('coverage.sheet.filter', { filter: chosen.length > 0 ? chosen.join(' · ') : t('coverage.sheet.whole') })} ·{' '}
              {t('coverage.list.count', { count: people.length })}
            </p>
            <p>
              {t('coverage.sheet.madeAt', { time: localTime(madeAt) })} · {t(full ? 'coverage.sheet.fullShown' : 'coverage.sheet.masked')}
            </p>
          </header>
          <table>
            <thead>
              <tr>
                <AddressHeads />
                <th className="notes">{t('coverage.sheet.notes')}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((person) => (
                <tr key={person.id}>
                  <AddressCells person={person} />
                  <td className="notes" />
                </tr>
              ))}
            </tbody>
          </table>
        </article>
      )}
    </div>
  );
}
