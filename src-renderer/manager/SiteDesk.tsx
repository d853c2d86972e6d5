// The signed-in manager's screen: live totals for the day, pushed by the core, and the site's pooling ratio.
import { useTranslation } from 'react-i18next';
import { useLiveValue } from '../shared/useBridge';
import { PoolingRatioSetting } from './PoolingRatioSetting';
import { TotalsBoard } from './TotalsBoard';

export function SiteDesk({ operator }: { operator: string }) {
  const { t } = useTranslation();
  const { value: totals } = useLiveValue('site.totals', 'totals.changed');
  return (
    <main className="manager-main">
      <div className="manager-line">
        {totals && <span className="day">{t('manager.day', { day: totals.day })}</span>}
        <span className="operator">{t('manager.operator', { name: operator })}</span>
      </div>
      <TotalsBoard totals={totals} />
      <PoolingRatioSetting />
    </main>
  );
}
