// Packing: scan a bag's label, then sealed tubes into it up to its capacity; it seals itself when full, or with
// the button. The bag scanned last is the bag being filled: an empty bag is dropped for it, a part-filled one is
// sealed only once the manager confirms (F2). Sealed tubes in no bag yet are listed, so none is left behind at the
// end of the day. The scan field keeps the focus, whatever was clicked, so that no scan goes nowhere.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { say } from '../../shared/problems';
import { playSound } from '../../shared/sounds/player';
import { usePushed } from '../../shared/useBridge';
import { useKeptFocus } from '../../shared/useKeptFocus';
import { pcName } from '../live/SiteDesks';
import { BagLabels } from './BagLabels';
import { PACKING_SOUND, showPacking, type PackingShown } from './packingOutcome';
import './bags.css';

type Bag = Output<'packing.openBag'>;
type Unbagged = Output<'site.unbaggedTubes'>;

const PACKING_KEYS = { confirm: 'F2', keep: 'Escape' } as const;

export function BagsPanel({ totals }: { totals: unknown }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState<PackingShown | null>(null);
  const [bag, setBag] = useState<Bag>(null);
  const [unbagged, setUnbagged] = useState<Unbagged>([]);
  const field = useRef<HTMLInputElement>(null);
  useKeptFocus(field);
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
  // And when the feed brings the other PCs' work: a tube sealed or packed there joins or leaves the list.
  usePushed('site.whole', refresh);
  useEffect(() => field.current?.focus(), [labels]);

  const show = useCallback((next: PackingShown) => {
    playSound(PACKING_SOUND[next.tone]);
    setShown(next);
  }, []);

  const act = useCallback(
    async (call: Promise<Parameters<typeof showPacking>[0]>): Promise<void> => {
      show(showPacking(await call));
      await refresh();
    },
    [show, refresh],
  );

  // A warning waits for F2; anything else (Esc, another scan, a button) leaves the bag it names open.
  const pending = shown?.confirm ?? null;
  const confirm = useCallback(() => {
    if (pending) void act(bridge.call('packing.scan', { text: pending.label, confirm: true }));
  }, [pending, act]);
  const keep = useCallback(() => {
    if (pending) show({ tone: 'info', key: 'bags.keptOpen', params: { bag: pending.bag, next: pending.label } });
  }, [pending, show]);

  // The keys act on the warning the screen shows, brought up to date before the browser paints.
  const onKey = useRef<(event: KeyboardEvent) => void>(() => undefined);
  useLayoutEffect(() => {
    onKey.current = (event) => {
      if (event.key === PACKING_KEYS.confirm) confirm();
      else if (event.key === PACKING_KEYS.keep) keep();
      else return;
      event.preventDefault();
    };
  }, [confirm, keep]);
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  // The PC is named only once another PC's tube is listed: a station alone at its site never shows the column.
  const fromOtherPcs = unbagged.some((tube) => tube.pc !== null);
  if (labels) return <BagLabels onClose={() => setLabels(false)} />;
  return (
    <div className="bags">
      <section className="bags-left">
        <div className={`packing-result card tone-${shown?.tone ?? 'idle'}`} data-testid="packing-result" data-tone={shown?.tone ?? 'idle'}>
          <p className="packing-line">{t(shown?.key ?? 'packing.waiting', shown?.params)}</p>
          {shown?.note && (
            <p className="packing-note" data-testid="packing-note">
              {say(t, shown.note)}
            </p>
          )}
          {pending && (
            <div className="packing-choices">
              <button type="button" className="primary" data-testid="packing-confirm" onClick={confirm}>
                {t('bags.confirmSwitch', { next: pending.label })}
              </button>
              <button type="button" data-testid="packing-keep" onClick={keep}>
                {t('bags.keepOpen', { bag: pending.bag })}
              </button>
            </div>
          )}
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
              <ol className="bag-tubes" data-testid="open-bag-tubes">
                {bag.tubes.map((tube) => (
                  <li key={tube}>{tube}</li>
                ))}
              </ol>
              {bag.tubes.length > 0 ? (
                <button type="button" className="primary" data-testid="seal-bag" onClick={() => void act(bridge.call('packing.sealNow', {}))}>
                  {t('packing.sealNow')}
                </button>
              ) : (
                // Opened by mistake: set aside, nothing lost (the next label scanned would drop it too).
                <button type="button" data-testid="drop-bag" onClick={() => void act(bridge.call('packing.dropBag', {}))}>
                  {t('bags.dropEmpty')}
                </button>
              )}
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
              {fromOtherPcs && <th>{t('siteFeed.pcColumn')}</th>}
            </tr>
          </thead>
          <tbody>
            {unbagged.map((tube) => (
              <tr key={tube.barcode}>
                <td>{tube.barcode}</td>
                <td>{tube.desk}</td>
                <td>{tube.people}</td>
                {fromOtherPcs && <td>{pcName(t, tube.pc)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
