// The whole site's totals when this PC reads its hub's feed: this PC's and the other PCs' together, as far as the feed
// has brought them, with how the feed is doing (a hub not answering means the other PCs may have done more).
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { wallClock } from '../../shared/wallClock';
import { TotalsBoard } from './TotalsBoard';

type Whole = Output<'site.whole'>;

export function SiteTotals({ whole }: { whole: Whole }) {
  const { t } = useTranslation();
  const { state, lastHeardAt } = whole.feed;
  return (
    <section className="site-totals">
      <h2>{t('siteFeed.siteTotalsTitle')}</h2>
      <p className={state === 'reading' ? 'muted' : 'site-feed-trouble'} data-testid="site-feed" data-state={state}>
        {state !== 'off' && t(`siteFeed.feed.${state}`)}
        {lastHeardAt && ` · ${t('siteFeed.heardAt', { time: wallClock(lastHeardAt) })}`}
      </p>
      <TotalsBoard totals={whole.totals} testId="site-total" />
    </section>
  );
}
