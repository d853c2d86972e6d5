// The signed-in manager's screen: one tab per job of the day. The totals are read here, so every tab's
// header shows them and each push of the core reaches the window once.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveValue } from '../shared/useBridge';
import { BagsPanel } from './bags/BagsPanel';
import { ExportPanel } from './export/ExportPanel';
import { HandoverPanel } from './handover/HandoverPanel';
import { LivePanel } from './live/LivePanel';
import { SearchPanel } from './search/SearchPanel';
import { SettingsPanel } from './settings/SettingsPanel';
import { UploadPanel } from './upload/UploadPanel';

const TABS = ['live', 'bags', 'handover', 'search', 'export', 'upload', 'settings'] as const;
type Tab = (typeof TABS)[number];
/** The export's words, its tab's name among them, are its own section of the catalogue. */
const tabLabel = (tab: Tab) => (tab === 'export' ? 'export.tab' : `manager.tabs.${tab}`);

export function SiteDesk({ operator }: { operator: string }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('live');
  const { value: totals } = useLiveValue('site.totals', 'totals.changed');
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
        <span className="spacer" />
        {totals && <span className="day">{t('manager.day', { day: totals.day })}</span>}
        <span className="tabs-operator" data-testid="signed-in-as">{t('manager.operator', { name: operator })}</span>
      </nav>
      <main className="manager-main" role="tabpanel">
        {tab === 'live' && <LivePanel totals={totals} />}
        {tab === 'bags' && <BagsPanel totals={totals} />}
        {tab === 'handover' && <HandoverPanel />}
        {tab === 'search' && <SearchPanel />}
        {tab === 'export' && <ExportPanel today={totals?.day ?? null} />}
        {tab === 'upload' && <UploadPanel />}
        {tab === 'settings' && <SettingsPanel />}
      </main>
    </>
  );
}
