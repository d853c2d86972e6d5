// The tubes that would be left behind: sealed but in no bag on any PC (which PC, when another), and open at a desk
// (which desk). Shown before a
// handover, and on the live view from the site's closing time on.
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { pcName } from './SiteDesks';

type Loose = Output<'site.looseTubes'>;

/** Whether anything would be left behind. */
export const anythingLoose = (loose: Loose | null): loose is Loose => loose !== null && loose.unbagged.length + loose.open.length > 0;

export function LooseTubes({ loose, title }: { loose: Loose; title: string }) {
  const { t } = useTranslation();
  return (
    <section className="card loose-tubes" role="alert" data-testid="loose-tubes">
      <h2>{title}</h2>
      <ul>
        {loose.open.map((tube) => (
          <li key={tube.barcode} data-testid={`loose-open-${tube.desk}`}>
            {t('live.openTube', { desk: tube.desk, barcode: tube.barcode, people: tube.people, capacity: tube.capacity })}
          </li>
        ))}
        {loose.unbagged.length > 0 && (
          <li data-testid="loose-unbagged">
            {t('live.unbagged', { count: loose.unbagged.length })}
            <ul>
              {loose.unbagged.map((tube) => (
                <li key={tube.barcode}>
                  {tube.pc === null
                    ? t('live.unbaggedTube', { barcode: tube.barcode, desk: tube.desk, people: tube.people })
                    : t('siteFeed.unbaggedTubeElsewhere', { barcode: tube.barcode, desk: tube.desk, people: tube.people, pc: pcName(t, tube.pc) })}
                </li>
              ))}
            </ul>
          </li>
        )}
      </ul>
    </section>
  );
}
