import { useTranslation } from 'react-i18next';

export function ConnectionBanner({ connected }: { connected: boolean }) {
  const { t } = useTranslation();
  if (connected) return null;
  return (
    <div className="connection-lost" role="alert" data-testid="connection-lost">
      {t('connection.lost')}
    </div>
  );
}
