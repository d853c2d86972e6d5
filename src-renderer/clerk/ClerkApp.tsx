// The clerk window: scan a tube, scan people into it, seal it. Every answer comes from the core.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bridge } from '../shared/bridge';
import { toggleLanguage } from '../shared/i18n';
import { useLiveValue } from '../shared/useBridge';
import { TopBar } from '../shared/TopBar';
import { DeviceStrip } from './DeviceStrip';
import { showReading, showScan, showSeal, showUndo, type Shown } from './outcome';
import { ResultBanner } from './ResultBanner';
import { ScanField } from './ScanField';
import { TubePanel } from './TubePanel';

export const KEYS = { confirm: 'F2', undo: 'F4', seal: 'F8', language: 'F9' } as const;

const DEVICE_READING = Symbol('a reading by this desk’s device');

export function ClerkApp() {
  const { t } = useTranslation();
  const [shown, setShown] = useState<Shown | null>(null);
  // Scans are sent one after another, in the order they were typed, even when the scanner is faster than the reply.
  const queue = useRef<Promise<void>>(Promise.resolve());

  const { value: desk, connected } = useLiveValue('clerk.deskState', 'desk.changed');
  const { value: devices } = useLiveValue('clerk.devices', 'desk.devices');

  // What a warning is waiting on: a typed scan F2 sends again, confirmed, or this desk's device reading, which
  // the core keeps; any other action drops it.
  const awaitingConfirm = useRef<string | typeof DEVICE_READING | null>(null);

  const run = useCallback((action: () => Promise<Shown>, confirmText: string | typeof DEVICE_READING | null = null) => {
    queue.current = queue.current.then(async () => {
      awaitingConfirm.current = null;
      const next = await action();
      awaitingConfirm.current = next.tone === 'warning' ? confirmText : null;
      setShown(next);
    });
  }, []);
  const scan = useCallback(
    (text: string) => run(async () => showScan(await bridge.call('clerk.scan', { text })), text),
    [run],
  );
  const confirm = useCallback(() => {
    const text = awaitingConfirm.current;
    if (text === DEVICE_READING) run(async () => showScan(await bridge.call('clerk.confirmReading', {})));
    else if (text !== null) run(async () => showScan(await bridge.call('clerk.scan', { text, confirm: true })));
  }, [run]);

  // Readings by this desk's own scanner or card reader arrive as events, in the same queue as typed scans.
  useEffect(
    () =>
      bridge.on((pushed) => {
        if (pushed.event === 'desk.reading') run(async () => showReading(pushed.payload), DEVICE_READING);
      }),
    [run],
  );
  const undo = useCallback(() => run(async () => showUndo(await bridge.call('clerk.undo', {}))), [run]);
  const seal = useCallback(() => run(async () => showSeal(await bridge.call('clerk.sealNow', {}))), [run]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === KEYS.seal) seal();
      else if (event.key === KEYS.confirm) confirm();
      else if (event.key === KEYS.undo) undo();
      else if (event.key === KEYS.language) toggleLanguage();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [seal, confirm, undo]);

  return (
    <div className="clerk">
      <TopBar where={desk ? t('clerk.title', { desk: desk.desk }) : ''} connected={connected} />
      <main className="clerk-main">
        <div className="clerk-left">
          <ResultBanner shown={shown} />
          <ScanField onScan={scan} />
        </div>
        <TubePanel tube={desk?.tube ?? null} />
      </main>
      <DeviceStrip devices={devices ?? []} />
      <footer className="keys">
        {(['confirm', 'undo', 'seal', 'language'] as const).map((action) => (
          <span key={action}>
            <kbd>{KEYS[action]}</kbd> {t(`clerk.keys.${action}`)}
          </span>
        ))}
      </footer>
    </div>
  );
}
