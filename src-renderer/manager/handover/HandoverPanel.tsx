// Handing bags to a courier: choose sealed bags, enter who takes them (and the cool-box temperature), and get a
// numbered manifest to print, sign and save.
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { FieldProblem } from '../../shared/FieldProblem';
import { NOTHING_PLACED, placeFailure, say, type Placed } from '../../shared/problems';
import { refusalParams } from '../../shared/refusalParams';
import { typedNumber } from '../../shared/typedNumber';
import { usePushed } from '../../shared/useBridge';
import { anythingLoose, LooseTubes } from '../live/LooseTubes';
import { HandoverList } from './HandoverList';
import './handover.css';

// The manifest draws barcodes with bwip-js, a large library: it loads when the first manifest is shown.
const ManifestView = lazy(() => import('./ManifestView').then((module) => ({ default: module.ManifestView })));

type Waiting = Output<'site.waitingBags'>;
type Refused = Extract<Output<'site.handover'>, { result: 'refused' }>;

const FIELDS = ['bags', 'courier.name', 'courier.phone', 'courier.vehicle', 'temperature'];

/** A refusal beside what it is about: a hidden character beside the courier's field, a bag's problem beside the bags. */
function placeRefusal(refusal: Refused): Placed {
  if (refusal.problem === 'invisible-character') {
    const words = { key: 'handover.problem.invisible-character', params: refusalParams(refusal) };
    return { fields: { [`courier.${refusal.character.field}`]: words }, general: null };
  }
  return { fields: { bags: { key: `handover.problem.${refusal.problem}`, params: { bag: refusal.bag } } }, general: null };
}

/** `today`: the site's day, once the core has said it. */
export function HandoverPanel({ today }: { today: string | null }) {
  const { t } = useTranslation();
  const [waiting, setWaiting] = useState<Waiting>([]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [courier, setCourier] = useState({ name: '', phone: '', vehicle: '' });
  const [temperature, setTemperature] = useState('');
  const [placed, setPlaced] = useState<Placed>(NOTHING_PLACED);
  const [manifest, setManifest] = useState<string | null>(null);
  const [loose, setLoose] = useState<Output<'site.looseTubes'> | null>(null);

  const refresh = useCallback(
    () =>
      Promise.all([bridge.call('site.waitingBags', {}), bridge.call('site.looseTubes', {})]).then(([bags, tubes]) => {
        if (bags.ok) setWaiting(bags.value);
        if (tubes.ok) setLoose(tubes.value);
      }),
    [],
  );
  useEffect(() => {
    void refresh();
  }, [refresh]);
  // The warning of tubes left behind follows the other PCs' work as the feed brings it.
  usePushed('site.whole', refresh);

  async function handOver(): Promise<void> {
    // Optional, but a temperature that is not a number ("四度") is refused, never dropped.
    const degrees = temperature.trim() === '' ? null : typedNumber(temperature);
    if (degrees && 'problem' in degrees) return setPlaced({ fields: { temperature: degrees.problem }, general: null });
    const result = await bridge.call('site.handover', { bags: [...chosen], courier, temperature: degrees?.value ?? null });
    if (!result.ok) return setPlaced(placeFailure(result.error, FIELDS));
    if (result.value.result === 'refused') return setPlaced(placeRefusal(result.value));
    setPlaced(NOTHING_PLACED);
    setChosen(new Set());
    setManifest(result.value.number);
    await refresh();
  }

  if (manifest) {
    return (
      <Suspense>
        <ManifestView number={manifest} onClose={() => setManifest(null)} />
      </Suspense>
    );
  }

  const toggle = (bag: string) =>
    setChosen((now) => {
      const next = new Set(now);
      if (!next.delete(bag)) next.add(bag);
      return next;
    });
  const field = (key: keyof typeof courier) => (
    <label>
      <span>{t(`handover.${key === 'name' ? 'courierName' : key === 'phone' ? 'courierPhone' : 'vehicle'}`)}</span>
      <input
        data-testid={`courier-${key}`}
        value={courier[key]}
        onChange={(event) => {
          const value = event.currentTarget.value;
          setCourier((now) => ({ ...now, [key]: value }));
        }}
      />
      <FieldProblem placed={placed} field={`courier.${key}`} />
    </label>
  );

  return (
    <>
      {anythingLoose(loose) && <LooseTubes loose={loose} title={t('handover.looseTitle')} />}
      <form
        className="handover"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void handOver();
        }}
      >
        <section className="card waiting-bags">
          <h2>{t('handover.waiting', { count: waiting.length })}</h2>
          {waiting.length === 0 && <p className="muted">{t('handover.noneWaiting')}</p>}
          <ul>
            {waiting.map((bag) => (
              <li key={bag.barcode}>
                <label>
                  <input type="checkbox" data-testid={`bag-${bag.barcode}`} checked={chosen.has(bag.barcode)} onChange={() => toggle(bag.barcode)} />
                  <span className="waiting-bag">{bag.barcode}</span>
                  <span className="muted">{t('handover.bagCounts', { tubes: bag.tubes, people: bag.people })}</span>
                </label>
              </li>
            ))}
          </ul>
          <FieldProblem placed={placed} field="bags" />
        </section>
        <section className="card courier">
          {field('name')}
          {field('phone')}
          {field('vehicle')}
          <label>
            <span>{t('handover.temperatureOptional')}</span>
            <input
              data-testid="courier-temperature"
              inputMode="decimal"
              value={temperature}
              onChange={(event) => setTemperature(event.currentTarget.value)}
            />
            <FieldProblem placed={placed} field="temperature" />
          </label>
          {placed.general && (
            <p className="setting-error" role="alert" data-testid="handover-problem">
              {say(t, placed.general)}
            </p>
          )}
          <button type="submit" className="primary" data-testid="hand-over" disabled={chosen.size === 0}>
            {t('handover.submit', { count: chosen.size })}
          </button>
        </section>
      </form>
      {today && <HandoverList today={today} onOpen={setManifest} />}
    </>
  );
}
