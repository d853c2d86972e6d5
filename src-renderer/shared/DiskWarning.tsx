import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bridge } from './bridge';

const CHECK_EVERY_MS = 30_000;

/** Warns while free disk space is low, long before a scan would be refused for a full disk. */
export function DiskWarning() {
  const { t } = useTranslation();
  const [freeMb, setFreeMb] = useState<number | null>(null);

  useEffect(() => {
    const check = () =>
      void bridge.call('station.health', {}).then((result) => {
        if (result.ok) setFreeMb(result.value.lowDisk ? Math.floor(result.value.freeBytes / 1024 / 1024) : null);
      });
    check();
    const timer = setInterval(check, CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, []);

  if (freeMb === null) return null;
  return (
    <div className="disk-low" role="alert" data-testid="disk-low">
      {t('disk.low', { freeMb })}
    </div>
  );
}
