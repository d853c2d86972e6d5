// The manager window: live totals for the day, pushed by the core, and the site's pooling ratio.
import { useTranslation } from 'react-i18next';
import { toggleLanguage } from '../shared/i18n';
import { useLiveValue } from '../shared/useBridge';
import { ConnectionBanner } from '../shared/ConnectionBanner';
import { DiskWarning } from '../shared/DiskWarning';
import { PoolingRatioSetting } from './PoolingRatioSetting';
import { TotalsBoard } from './TotalsBoard';

export function ManagerApp() {
  const { t } = useTranslation();
  const { value: totals, connected } = useLiveValue('site.totals', 'totals.changed');

  return (
    <div className="manager">
      <header className="topbar">
        <h1>{t('app.name')}</h1>
        <span className="where">{t('manager.title')}</span>
        <span className="spacer" />
        {totals && <span className="day">{t('manager.day', { day: totals.day })}</span>}
        <button type="button" onClick={toggleLanguage}>
          {t('language.switch')}
        </button>
      </header>
      <ConnectionBanner connected={connected} />
      <DiskWarning />
      <main className="manager-main">
        <TotalsBoard totals={totals} />
        <PoolingRatioSetting />
      </main>
    </div>
  );
}
