import { useTranslation } from 'react-i18next';
import { useHealth } from './useHealth';

/** Warns while free disk space is low, long before a scan would be refused for a full disk. */
export function DiskWarning() {
  const { t } = useTranslation();
  const health = useHealth();
  if (!health?.lowDisk) return null;
  return (
    <div className="disk-low" role="alert" data-testid="disk-low">
      {t('disk.low', { freeMb: Math.floor(health.freeBytes / 1024 / 1024) })}
    </div>
  );
}
