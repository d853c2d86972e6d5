// The tube open at a desk and how full it is, or that none is open: on this PC's desk cards and the other PCs'.
import { useTranslation } from 'react-i18next';

export function DeskTube({ tube, testId }: { tube: { barcode: string; count: number; capacity: number } | null; testId: string }) {
  const { t } = useTranslation();
  if (!tube) return <div className="desk-tube muted">{t('live.noTube')}</div>;
  return (
    <div className="desk-tube" data-testid={testId}>
      <span>{tube.barcode}</span>
      <strong>{t('clerk.fill', { count: tube.count, capacity: tube.capacity })}</strong>
      <meter min={0} max={tube.capacity} value={tube.count} />
    </div>
  );
}
