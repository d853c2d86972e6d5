// The site at a glance: the day's totals, pushed by the core, and the pooling ratio of the next tubes.
import type { Output } from '../../../src-main/core/contract';
import { PoolingRatioSetting } from './PoolingRatioSetting';
import { TotalsBoard } from './TotalsBoard';

export function LivePanel({ totals }: { totals: Output<'site.totals'> | null }) {
  return (
    <>
      <TotalsBoard totals={totals} />
      <PoolingRatioSetting />
    </>
  );
}
