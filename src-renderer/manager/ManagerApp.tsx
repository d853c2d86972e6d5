// The manager window: live totals for the day, pushed by the core, and the site's pooling ratio.
import { useTranslation } from 'react-i18next';
import { useLiveValue } from '../shared/useBridge';
import { TopBar } from '../shared/TopBar';
import { PoolingRatioSetting } from './PoolingRatioSetting';
import { TotalsBoard } from './TotalsBoard';

export function ManagerApp() {
  const { t } = useTranslation();
  const { value: totals, connected } = useLiveValue('site.totals', 'totals.changed');

  return (
    <div className="manager">
      <TopBar where={t('manager.title')} connected={connected}>
        {totals && <span className="day">{t('manager.day', { day: totals.day })}</span>}
      </TopBar>
      <main className="manager-main">
        <TotalsBoard totals={totals} />
        <PoolingRatioSetting />
      </main>
    </div>
  );
}
