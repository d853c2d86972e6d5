// The clerk window: scan a tube, scan people into it, seal it. Every answer comes from the core.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bridge } from '../shared/bridge';
import { toggleLanguage } from '../shared/i18n';
import { useLiveValue } from '../shared/useBridge';
import { TopBar } from '../shared/TopBar';
import { showScan, showSeal, showUndo, type Shown } from './outcome';
import { ResultBanner } from './ResultBanner';
import { ScanField } from './ScanField';
import { TubePanel } from './TubePanel';

export const KEYS = { confirm: 'F2', undo: 'F4', seal: 'F8', language: 'F9' } as const;

export function ClerkApp() {
  const { t } = useTranslation();
  const [shown, setShown] = useState<Shown | null>(null);
  // Scans are sent one after another, in the order they were typed, even when the scanner is faster than the reply.
  const queue = useRef<Promise<void>>(Promise.resolve());

  const { value: desk, connected } = useLiveValue('clerk.deskState', 'desk.changed');

  // The scan a warning is waiting on: F2 sends it again, confirmed; any other action drops it.
  const awaitingConfirm = useRef<string | null>(null);

  const run = useCallback((action: () => Promise<Shown>, confirmText: string | null = null) => {
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
    if (text !== null) run(async () => showScan(await bridge.call('clerk.scan', { text, confirm: true })));
  }, [run]);
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
