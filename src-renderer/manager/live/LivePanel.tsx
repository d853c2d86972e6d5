// The site at a glance, all pushed by the core: the day's totals, every desk as it works, people per hour, and
// what waits for the platform; with a hub, the other PCs' desks, the whole site's totals and the conflicts between PCs.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { useLiveValue } from '../../shared/useBridge';
import { useNow } from '../../shared/useNow';
import { DeskCards } from './DeskCards';
import { Conflicts } from './Conflicts';
import { anythingLoose, LooseTubes } from './LooseTubes';
import { PeoplePerHour } from './PeoplePerHour';
import { SiteDesks } from './SiteDesks';
import { SiteTotals } from './SiteTotals';
import { TotalsBoard } from './TotalsBoard';
import './live.css';

export function LivePanel({ totals }: { totals: Output<'site.totals'> | null }) {
  const { t } = useTranslation();
  const { value: desks } = useLiveValue('site.live', 'site.live');
  const { value: backlog } = useLiveValue('station.backlog', 'backlog.changed');
  const { value: whole, reload: reloadWhole } = useLiveValue('site.whole', 'site.whole');
  const withHub = whole !== null && whole.feed.state !== 'off';
  const now = useNow();
  const waiting = backlog?.oldestAt ? Math.max(0, Math.floor((now - Date.parse(backlog.oldestAt)) / 60_000)) : 0;
  const [loose, setLoose] = useState<Output<'site.looseTubes'> | null>(null);
  // Read again whenever the day's totals move (a tube opened, filled, sealed or voided), and when the feed brings
  // the other PCs' work (their tubes sealed or packed).
  useEffect(() => {
    void bridge.call('site.looseTubes', {}).then((result) => {
      if (result.ok) setLoose(result.value);
    });
  }, [totals, whole]);
  // The core pushes the whole site when the feed brings something; this PC's own work shows in it too.
  useEffect(reloadWhole, [totals, reloadWhole]);
  const closed = loose !== null && now >= Date.parse(loose.closesAt);
  return (
    <>
      {closed && anythingLoose(loose) && <LooseTubes loose={loose} title={t('live.looseTitle')} />}
      <TotalsBoard totals={totals} />
      {withHub && <SiteTotals whole={whole} />}
      {whole && <Conflicts conflicts={whole.conflicts} onVoided={reloadWhole} />}
      <p className="live-backlog" data-testid="live-backlog">
        {backlog === null ? '' : backlog.count === 0 ? t('status.backlogEmpty') : t('status.backlog', { count: backlog.count, minutes: waiting })}
      </p>
      <DeskCards desks={desks ?? []} />
      {withHub && <SiteDesks pcs={whole.pcs} />}
      <PeoplePerHour desks={desks ?? []} />
    </>
  );
}
