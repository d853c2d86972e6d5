// The bottom line of the desk: its devices, what waits for the platform and since when, the free disk, who is
// signed in and at which desk.
import { useTranslation } from 'react-i18next';
import type { EventPayload } from '../../src-main/core/contract';
import { useHealth } from '../shared/useHealth';
import { useNow } from '../shared/useNow';
import { DeviceStrip } from '../shared/DeviceStrip';

type Backlog = EventPayload<'backlog.changed'>;

const GIB = 1024 ** 3;

export function StatusBar({
  devices,
  backlog,
  operator,
  desk,
}: {
  devices: EventPayload<'desk.devices'>;
  backlog: Backlog | null;
  operator: string | null;
  desk: string;
}) {
  const { t } = useTranslation();
  const health = useHealth();
  const now = useNow();
  const waitingMinutes = backlog?.oldestAt ? Math.max(0, Math.floor((now - Date.parse(backlog.oldestAt)) / 60_000)) : null;

  return (
    <footer className="status">
      <DeviceStrip devices={devices} />
      <span className="status-item" data-testid="backlog" data-count={backlog?.count ?? ''}>
        {backlog === null
          ? t('status.backlogUnknown')
          : backlog.count === 0
            ? t('status.backlogEmpty')
            : t('status.backlog', { count: backlog.count, minutes: waitingMinutes ?? 0 })}
      </span>
      <span className={health?.lowDisk ? 'status-item status-alert' : 'status-item'} data-testid="disk">
        {health ? t('status.disk', { gb: (health.freeBytes / GIB).toFixed(1) }) : ''}
      </span>
      <span className="status-item" data-testid="operator">
        {operator === null ? t('status.signedOut') : t('status.operator', { name: operator })}
      </span>
      <span className="status-item status-desk">{t('status.desk', { desk })}</span>
    </footer>
  );
}
