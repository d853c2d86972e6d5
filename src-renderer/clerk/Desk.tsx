// The desk at work: the last result, the scan field, the open tube, and the keys. Scans, device readings and
// keys go to the core one after another, in the order they came; each answer is shown and heard, and with
// read-out on, the person is read out.
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventPayload, Output } from '../../src-main/core/contract';
import { bridge } from '../shared/bridge';
import { LANGUAGE_KEY, toggleLanguage } from '../shared/i18n';
import { ManualEntry, type EnteredPerson } from './ManualEntry';
import { DeskSettingsDialog } from './DeskSettingsDialog';
import { deviceLost, showReading, showScan, showSeal, showUndo, soundOf, type Shown } from './outcome';
import { ResultBanner } from './ResultBanner';
import { ScanField } from './ScanField';
import { playSound, wakeAudio } from '../shared/sounds/player';
import { speak } from '../shared/sounds/speech';
import { TubePanel } from './TubePanel';
import type { DeskSettings } from './useDeskSettings';
import type { Typist } from '../shared/keystrokeTiming';

export const KEYS = { confirm: 'F2', settings: 'F3', undo: 'F4', manual: 'F6', seal: 'F8', language: LANGUAGE_KEY, lock: 'F10' } as const;

type Tube = NonNullable<Output<'clerk.deskState'>['tube']>;
type Devices = EventPayload<'desk.devices'>;

/** Devices that were ready and are not any more. */
function lostSince(before: Devices, now: Devices): Devices {
  const wasReady = new Set(before.filter((d) => d.status === 'ready').map((d) => d.id));
  return now.filter((d) => wasReady.has(d.id) && (d.status === 'unplugged' || d.status === 'failed'));
}

export function Desk({
  tube,
  devices,
  settings,
  onSettings,
}: {
  tube: Tube | null;
  devices: Devices;
  settings: DeskSettings;
  onSettings: (settings: DeskSettings) => void;
}) {
  const { t, i18n } = useTranslation();
  const [shown, setShown] = useState<Shown | null>(null);
  const [manual, setManual] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  // Read by each outcome as it is shown, which may be an action queued before the setting changed.
  const readOut = useRef(settings.readOut);
  useLayoutEffect(() => {
    readOut.current = settings.readOut;
  }, [settings.readOut]);
  // Actions are sent one after another, in the order they came, even when the scanner is faster than the reply.
  const queue = useRef<Promise<void>>(Promise.resolve());
  // What F2 confirms: the last action, when its answer was a warning; any other action drops it.
  const awaitingConfirm = useRef<(() => Promise<Shown>) | null>(null);

  const show = useCallback(
    (next: Shown) => {
      playSound(soundOf(next));
      if (next.speech && readOut.current !== 'off') speak(t(next.speech.key, next.speech.params).trim(), i18n.language);
      setShown(next);
    },
    [t, i18n],
  );

  const run = useCallback(
    (action: () => Promise<Shown>, confirmed: (() => Promise<Shown>) | null = null) => {
      queue.current = queue.current
        .then(async () => {
          awaitingConfirm.current = null;
          const next = await action();
          awaitingConfirm.current = next.tone === 'warning' ? confirmed : null;
          show(next);
        })
        // One action that fails in the page must not stop every action after it.
        .catch((error: unknown) => console.error('Desk action failed:', error));
    },
    [show],
  );

  const scan = useCallback(
    (text: string, typist: Typist) => {
      const typed = typist === 'person';
      run(
        async () => showScan(await bridge.call('clerk.scan', { text, typed })),
        async () => showScan(await bridge.call('clerk.scan', { text, typed, confirm: true })),
      );
    },
    [run],
  );
  const enter = useCallback(
    (person: EnteredPerson) => {
      setManual(false);
      run(
        async () => showScan(await bridge.call('clerk.enterPerson', person)),
        async () => showScan(await bridge.call('clerk.enterPerson', { ...person, confirm: true })),
      );
    },
    [run],
  );
  const confirm = useCallback(() => {
    const again = awaitingConfirm.current;
    if (again) run(again);
  }, [run]);
  const undo = useCallback(() => run(async () => showUndo(await bridge.call('clerk.undo', {}))), [run]);
  const seal = useCallback(() => run(async () => showSeal(await bridge.call('clerk.sealNow', {}))), [run]);
  const openManual = useCallback(() => {
    // Without an open tube there is nowhere to put the person: say so before any typing.
    if (tube) setManual(true);
    else run(async () => showScan({ ok: true, value: { result: 'refused', problem: 'no-open-tube' } }));
  }, [tube, run]);

  // Readings by this desk's own scanner or card reader arrive as events, in the same queue as typed scans.
  useEffect(
    () =>
      bridge.on((pushed) => {
        if (pushed.event !== 'desk.reading') return;
        const reading = pushed.payload;
        run(
          async () => showReading(reading),
          async () => showScan(await bridge.call('clerk.confirmReading', {})),
        );
      }),
    [run],
  );

  // A device that goes away is an outcome of its own: its sound, its colour, what to do.
  const previous = useRef(devices);
  useEffect(() => {
    const lost = lostSince(previous.current, devices);
    previous.current = devices;
    if (lost.length > 0) show(deviceLost(lost[0].kind));
  }, [devices, show]);

  // The keys act on what the screen shows: the handler is brought up to date before the browser paints, so a key
  // pressed the moment a tube appears already sees it.
  const onKey = useRef<(event: KeyboardEvent) => void>(() => undefined);
  useLayoutEffect(() => {
    onKey.current = (event) => {
      wakeAudio();
      if (event.key === KEYS.language) toggleLanguage();
      else if (manual || settingsOpen) return;
      else if (event.key === KEYS.settings) setSettingsOpen(true);
      else if (event.key === KEYS.seal) seal();
      else if (event.key === KEYS.confirm) confirm();
      else if (event.key === KEYS.undo) undo();
      else if (event.key === KEYS.manual) openManual();
      else if (event.key === KEYS.lock) void bridge.call('session.lock', {});
      else return;
      event.preventDefault();
    };
  }, [manual, settingsOpen, seal, confirm, undo, openManual]);
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  return (
    <>
      <main className="clerk-main">
        <div className="clerk-left">
          <ResultBanner shown={shown} tube={tube} />
          <ScanField onScan={scan} paused={manual || settingsOpen} />
        </div>
        <TubePanel tube={tube} />
      </main>
      <footer className="keys">
        {(['confirm', 'undo', 'manual', 'seal', 'lock', 'settings', 'language'] as const).map((action) => (
          <span key={action}>
            <kbd>{KEYS[action]}</kbd> {t(`clerk.keys.${action}`)}
          </span>
        ))}
      </footer>
      {manual && <ManualEntry onSubmit={enter} onClose={() => setManual(false)} />}
      {settingsOpen && <DeskSettingsDialog settings={settings} onChange={onSettings} onClose={() => setSettingsOpen(false)} />}
    </>
  );
}
