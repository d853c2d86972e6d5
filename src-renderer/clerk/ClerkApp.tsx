// The clerk window: scan a tube, scan people into it, seal it. Every answer comes from the core.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bridge } from '../shared/bridge';
import { toggleLanguage } from '../shared/i18n';
import { useLiveValue } from '../shared/useBridge';
import { ConnectionBanner } from '../shared/ConnectionBanner';
import { showScan, showSeal, type Shown } from './outcome';
import { ResultBanner } from './ResultBanner';
import { ScanField } from './ScanField';
import { TubePanel } from './TubePanel';

export const KEYS = { seal: 'F8', language: 'F9' } as const;

export function ClerkApp() {
  const { t } = useTranslation();
  const [shown, setShown] = useState<Shown | null>(null);
  // Scans are sent one after another, in the order they were typed, even when the scanner is faster than the reply.
  const queue = useRef<Promise<void>>(Promise.resolve());

  const { value: desk, connected } = useLiveValue('clerk.deskState', 'desk.changed');

  const scan = useCallback((text: string) => {
    queue.current = queue.current.then(async () => setShown(showScan(await bridge.call('clerk.scan', { text }))));
  }, []);
  const seal = useCallback(() => {
    queue.current = queue.current.then(async () => setShown(showSeal(await bridge.call('clerk.sealNow', {}))));
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === KEYS.seal) seal();
      else if (event.key === KEYS.language) toggleLanguage();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [seal]);

  return (
    <div className="clerk">
      <header className="topbar">
        <h1>{t('app.name')}</h1>
        <span className="where">{desk ? t('clerk.title', { desk: desk.desk }) : ''}</span>
        <span className="spacer" />
        <button type="button" onClick={toggleLanguage}>
          {t('language.switch')}
        </button>
      </header>
      <ConnectionBanner connected={connected} />
      <main className="clerk-main">
        <div className="clerk-left">
          <ResultBanner shown={shown} />
          <ScanField onScan={scan} />
        </div>
        <TubePanel tube={desk?.tube ?? null} />
      </main>
      <footer className="keys">
        <span>
          <kbd>{KEYS.seal}</kbd> {t('clerk.keys.seal')}
        </span>
        <span>
          <kbd>{KEYS.language}</kbd> {t('clerk.keys.language')}
        </span>
      </footer>
    </div>
  );
}
