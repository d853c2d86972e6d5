// Packing: scan a bag's label, then sealed tubes into it up to its capacity; it seals itself when full, or with
// the button. Sealed tubes in no bag yet are listed, so none is left behind at the end of the day.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { playSound } from '../../shared/sounds/player';
import { BagLabels } from './BagLabels';
import { PACKING_SOUND, showPacking, type PackingShown } from './packingOutcome';
import './bags.css';

type Bag = Output<'packing.openBag'>;
type Unbagged = Output<'site.unbaggedTubes'>;

export function BagsPanel({ totals }: { totals: unknown }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<PackingShown | null>(null);
  const [bag, setBag] = useState<Bag>(null);
  const [unbagged, setUnbagged] = useState<Unbagged>([]);
  const field = useRef<HTMLInputElement>(null);
  const [labels, setLabels] = useState(false);

  const refresh = useCallback(
    () =>
      Promise.all([bridge.call('packing.openBag', {}), bridge.call('site.unbaggedTubes', {})]).then(([open, waiting]) => {
        if (open.ok) setBag(open.value);
        if (waiting.ok) setUnbagged(waiting.value);
      }),
    [],
  );
  // Again on every push of the totals: a desk that seals a tube adds one to the unbagged list.
  useEffect(() => {
    void refresh();
  }, [refresh, totals]);
  useEffect(() => field.current?.focus(), [labels]);

  async function act(call: Promise<Parameters<typeof showPacking>[0]>): Promise<void> {
    const next = showPacking(await call);
    playSound(PACKING_SOUND[next.tone]);
    setShown(next);
    await refresh();
  }

  if (labels) return <BagLabels onClose={() => setLabels(false)} />;
  return (
    <div className="bags">
      <section className="bags-left">
        <div className={`packing-result card tone-${shown?.tone ?? 'idle'}`} data-testid="packing-result" data-tone={shown?.tone ?? 'idle'}>
          {t(shown?.key ?? 'packing.waiting', shown?.params)}
        </div>
        <label className="packing-scan card">
          <span>{t('packing.scanLabel')}</span>
          <input
            ref={field}
            data-testid="packing-scan"
            autoComplete="off"
            spellCheck={false}
            placeholder={t('packing.scanPlaceholder')}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              const text = event.currentTarget.value.trim();
              event.currentTarget.value = '';
              if (text !== '') void act(bridge.call('packing.scan', { text }));
            }}
          />
        </label>
        <section className="open-bag card" data-testid="open-bag">
          {bag ? (
            <>
              <header>
                <span className="open-bag-barcode">{t('packing.bag', { bag: bag.barcode })}</span>
                <span className="open-bag-fill" data-testid="open-bag-fill">
                  {t('packing.fill', { count: bag.tubes.length, capacity: bag.capacity })}
                </span>
              </header>
              <ol className="bag-tubes">
                {bag.tubes.map((tube) => (
                  <li key={tube}>{tube}</li>
                ))}
              </ol>
              <button type="button" className="primary" data-testid="seal-bag" onClick={() => void act(bridge.call('packing.sealNow', {}))}>
                {t('packing.sealNow')}
              </button>
            </>
          ) : (
            <p className="muted">{t('packing.noOpenBag')}</p>
          )}
        </section>
      </section>
      <section className="unbagged card" data-testid="unbagged">
        <button type="button" data-testid="bag-labels" onClick={() => setLabels(true)}>
          {t('labels.button')}
        </button>
        <h2>{t('packing.unbagged', { count: unbagged.length })}</h2>
        <table>
          <thead>
            <tr>
              <th>{t('packing.columns.tube')}</th>
              <th>{t('packing.columns.desk')}</th>
              <th>{t('packing.columns.people')}</th>
            </tr>
          </thead>
          <tbody>
            {unbagged.map((tube) => (
              <tr key={tube.barcode}>
                <td>{tube.barcode}</td>
                <td>{tube.desk}</td>
                <td>{tube.people}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
