// The 未检 Not yet tab: who on the roster has not been sampled in the round, by address, filtered by grid, building,
// unit or group; masked unless the manager asks for full names and phones (the core audits it). ↑ ↓ choose a person
// and E excuses them with a reason, or undoes the excuse of one shown with "include excused"; a person is taken off
// the roster only with a reason. The list prints on A4
// for the grid worker and exports as XLSX or CSV. Masked, it is read again whenever the core pushes the coverage.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { useLiveValue, usePushed } from '../../shared/useBridge';
import { saveMadeFile } from '../export/fetchParts';
import { ExcuseDialog } from './ExcuseDialog';
import { RemoveDialog } from './RemoveDialog';
import { AddressCells, AddressHeads } from './AddressColumns';
import { excusedWords } from './excusedWords';
import { NotYetFilters, type Filter } from './NotYetFilters';
import { NotYetSheet } from './NotYetSheet';
import { sentFilter } from './sentFilter';
import './roster.css';

type Page = Output<'roster.notYet'>;
type Person = Page['people'][number];

const PAGE = 100;
const EXCUSE_KEY = 'e';

export function NotYetPanel() {
  const { t } = useTranslation();
  const { value: coverage } = useLiveValue('roster.coverage', 'roster.coverage');
  const [filter, setFilter] = useState<Filter>({});
  const [includeExcused, setIncludeExcused] = useState(false);
  const [full, setFull] = useState(false);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<Page | null>(null);
  const [selected, setSelected] = useState(0);
  const [excusing, setExcusing] = useState<Person | null>(null);
  const [removing, setRemoving] = useState<Person | null>(null);
  const [printing, setPrinting] = useState(false);
  const [failed, setFailed] = useState(false);
  const list = useRef<HTMLDivElement>(null);

  const read = useCallback(() => {
    void bridge.call('roster.notYet', { filter: sentFilter(filter), includeExcused, full, offset, limit: PAGE }).then((result) => {
      if (!result.ok) return setFailed(true);
      setPage(result.value);
      setSelected((now) => Math.min(now, Math.max(result.value.people.length - 1, 0)));
    });
  }, [filter, includeExcused, full, offset]);
  useEffect(read, [read]);
  // Read again as people are sampled, but not while names and phones are shown in full: each reading of them is a
  // line of the audit trail, and a busy desk pushes the coverage every few seconds.
  usePushed(
    'roster.coverage',
    useCallback(() => {
      if (!full) read();
    }, [full, read]),
  );

  const choose = (change: () => void) => {
    change();
    setOffset(0);
    setSelected(0);
  };

  async function toggleExcuse(person: Person): Promise<void> {
    if (!person.excused) return setExcusing(person);
    const result = await bridge.call('roster.unexcuse', { personId: person.id });
    setFailed(!result.ok);
    read();
  }

  function onKey(event: KeyboardEvent): void {
    const people = page?.people ?? [];
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setSelected((now) => Math.min(Math.max(now + step, 0), Math.max(people.length - 1, 0)));
    } else if (event.key.toLowerCase() === EXCUSE_KEY && people[selected]) {
      event.preventDefault();
      void toggleExcuse(people[selected]);
    }
  }

  // The selected row stays in view as the arrows move it. (A block: Chromium's scrollIntoView may answer a promise,
  // which React would take for the effect's cleanup.)
  useEffect(() => {
    void list.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  }, [selected, page]);

  /** A dialog closed: the list read again when it changed something, and the keys back on the list. */
  const closed = (close: (person: null) => void) => (changed: boolean) => {
    close(null);
    if (changed) read();
    list.current?.focus();
  };

  async function exportFile(format: 'csv' | 'xlsx'): Promise<void> {
    const result = await bridge.call('roster.notYetFile', { filter: sentFilter(filter), full, format });
    setFailed(!(result.ok && (await saveMadeFile(result.value))));
  }

  if (!coverage) return null;
  if (printing) return <NotYetSheet filter={sentFilter(filter)} full={full} round={coverage.round} onClose={() => setPrinting(false)} />;
  const people = page?.people ?? [];
  const total = page?.total ?? 0;
  return (
    <div className="coverage">
      <section className="card roster-block">
        <h2>{t('coverage.list.title')}</h2>
        <NotYetFilters coverage={coverage} filter={filter} onChange={(next) => choose(() => setFilter(next))} />
        <div className="roster-actions not-yet-options">
          <label>
            <input type="checkbox" data-testid="include-excused" checked={includeExcused} onChange={(event) => choose(() => setIncludeExcused(event.currentTarget.checked))} />
            <span>{t('coverage.list.includeExcused')}</span>
          </label>
          <label>
            <input type="checkbox" data-testid="show-full" checked={full} onChange={(event) => setFull(event.currentTarget.checked)} />
            <span>{t('coverage.list.full')}</span>
          </label>
          {full && <span className="warning-note" data-testid="full-note">{t('coverage.list.fullNote')}</span>}
        </div>
        <div className="roster-actions">
          <button type="button" className="primary" data-testid="not-yet-print" onClick={() => setPrinting(true)}>
            {t('coverage.list.print')}
          </button>
          <button type="button" className="secondary" data-testid="not-yet-xlsx" onClick={() => void exportFile('xlsx')}>
            {t('coverage.list.exportXlsx')}
          </button>
          <button type="button" className="secondary" data-testid="not-yet-csv" onClick={() => void exportFile('csv')}>
            {t('coverage.list.exportCsv')}
          </button>
          {failed && (
            <span className="setting-error" role="alert">
              {t('coverage.list.failed')}
            </span>
          )}
        </div>
      </section>
      {excusing && <ExcuseDialog person={excusing} onClose={closed(setExcusing)} />}
      {removing && <RemoveDialog person={removing} onClose={closed(setRemoving)} />}
      <section className="card roster-block">
        <div className="roster-actions">
          <strong data-testid="not-yet-count">{t('coverage.list.count', { count: total })}</strong>
          <span className="muted">{t('coverage.list.keys')}</span>
          <span className="spacer" />
          {total > PAGE && (
            <>
              <span>{t('coverage.list.page', { from: offset + 1, to: offset + people.length, count: total })}</span>
              <button type="button" className="secondary" disabled={offset === 0} onClick={() => choose(() => setOffset(Math.max(offset - PAGE, 0)))}>
                {t('coverage.list.previous')}
              </button>
              <button type="button" className="secondary" disabled={offset + PAGE >= total} onClick={() => choose(() => setOffset(offset + PAGE))}>
                {t('coverage.list.next')}
              </button>
            </>
          )}
        </div>
        {people.length === 0 ? (
          <p className="muted">{t('coverage.list.none')}</p>
        ) : (
          <div className="not-yet-list" ref={list} tabIndex={0} role="listbox" aria-label={t('coverage.list.title')} data-testid="not-yet-list" onKeyDown={onKey}>
            <table className="data-table roster-table">
              <thead>
                <tr>
                  <AddressHeads />
                  <th>{t('coverage.list.status')}</th>
                </tr>
              </thead>
              <tbody>
                {people.map((person, i) => (
                  <tr
                    key={person.id}
                    role="option"
                    aria-selected={i === selected}
                    className={[i === selected ? 'chosen' : '', person.excused ? 'excused' : ''].join(' ')}
                    data-testid="not-yet-person"
                    onClick={() => {
                      setSelected(i);
                      list.current?.focus();
                    }}
                  >
                    <AddressCells person={person} />
                    <td data-testid="not-yet-excused">{person.excused && excusedWords(t, person.excused)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {people[selected] && (
          <div className="roster-actions">
            <button type="button" className="secondary" data-testid="excuse-toggle" onClick={() => void toggleExcuse(people[selected])}>
              {people[selected].excused ? t('coverage.list.unexcuse') : t('coverage.list.excuse')}
            </button>
            <button type="button" className="secondary" data-testid="remove-person" onClick={() => setRemoving(people[selected])}>
              {t('coverage.remove.button')}
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
