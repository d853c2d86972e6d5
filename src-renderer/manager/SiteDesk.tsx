// The signed-in manager's screen: one tab per job of the day. The totals are read here, so every tab's
// header shows them and each push of the core reaches the window once. F10 locks the window, as at a desk.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bridge } from '../shared/bridge';
import { useLiveValue } from '../shared/useBridge';
import { BagsPanel } from './bags/BagsPanel';
import { ExportPanel } from './export/ExportPanel';
import { HandoverPanel } from './handover/HandoverPanel';
import { LivePanel } from './live/LivePanel';
import { CoveragePanel } from './roster/CoveragePanel';
import { NotYetPanel } from './roster/NotYetPanel';
import { RosterPanel } from './roster/RosterPanel';
import { SearchPanel } from './search/SearchPanel';
import { SettingsPanel } from './settings/SettingsPanel';
import { DaySummary } from './summary/DaySummary';
import { UploadPanel } from './upload/UploadPanel';

const TABS = ['live', 'bags', 'handover', 'search', 'roster', 'coverage', 'notYet', 'summary', 'export', 'upload', 'settings'] as const;
type Tab = (typeof TABS)[number];
/** The day report's, the export's, the roster's and the coverage's words, their tabs' names among them, are sections of their own in the catalogue. */
const OWN_SECTION: Partial<Record<Tab, string>> = { summary: 'summary.tab', export: 'export.tab', roster: 'roster.tab', coverage: 'coverage.tab', notYet: 'coverage.notYetTab' };
const tabLabel = (tab: Tab) => OWN_SECTION[tab] ?? `manager.tabs.${tab}`;

const LOCK_KEY = 'F10';

export function SiteDesk({ operator }: { operator: string }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('live');
  const { value: totals } = useLiveValue('site.totals', 'totals.changed');
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== LOCK_KEY) return;
      event.preventDefault();
      void bridge.call('session.lock', {});
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <nav className="tabs" role="tablist">
        {TABS.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-selected={tab === name}
            className={tab === name ? 'tab chosen' : 'tab'}
            data-testid={`tab-${name}`}
            onClick={() => setTab(name)}
          >
            {t(tabLabel(name))}
          </button>
        ))}
        {/* Kept together at the right, on a line of their own when the tabs leave no room. */}
        <span className="tabs-end">
          {totals && <span className="day">{t('manager.day', { day: totals.day })}</span>}
          <span className="tabs-operator" data-testid="signed-in-as">{t('manager.operator', { name: operator })}</span>
          <button type="button" data-testid="manager-lock" onClick={() => void bridge.call('session.lock', {})}>
            {t('session.lock')}
          </button>
          <button type="button" data-testid="manager-sign-out" onClick={() => void bridge.call('session.signOut', {})}>
            {t('session.signOut')}
          </button>
        </span>
      </nav>
      <main className="manager-main" role="tabpanel">
        {tab === 'live' && <LivePanel totals={totals} />}
        {tab === 'bags' && <BagsPanel totals={totals} />}
        {tab === 'handover' && <HandoverPanel today={totals?.day ?? null} />}
        {tab === 'search' && <SearchPanel />}
        {tab === 'roster' && <RosterPanel />}
        {tab === 'coverage' && <CoveragePanel />}
        {tab === 'notYet' && <NotYetPanel />}
        {tab === 'summary' && totals && <DaySummary today={totals.day} operator={operator} />}
        {tab === 'export' && <ExportPanel today={totals?.day ?? null} />}
        {tab === 'upload' && <UploadPanel />}
        {tab === 'settings' && <SettingsPanel />}
      </main>
    </>
  );
}
