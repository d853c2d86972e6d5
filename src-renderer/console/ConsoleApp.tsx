// The district console: sign in, then every site with its totals of the day; a site opens on its own page.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../src-main/hub/console/schemas';
import { LANGUAGE_KEY, toggleLanguage } from '../shared/i18n';
import { consoleApi } from './consoleApi';
import { SignIn } from './SignIn';
import { SitePage } from './SitePage';
import { SitesList } from './SitesList';

export function ConsoleApp() {
  const { t } = useTranslation();
  // undefined: not known yet (the session cookie is being checked); null: signed out.
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [siteCode, setSiteCode] = useState<string | null>(null);

  useEffect(() => {
    void consoleApi.me().then((answer) => setMe(answer.ok ? answer.data : null));
    const onKey = (event: KeyboardEvent) => {
      if (event.key === LANGUAGE_KEY) {
        event.preventDefault();
        toggleLanguage();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  useEffect(() => {
    document.title = t('console.windowTitle');
  });

  async function signOut(): Promise<void> {
    await consoleApi.signOut();
    setSiteCode(null);
    setMe(null);
  }

  /** A session that ended while the page was open: back to the sign-in. */
  const signedOut = () => setMe(null);

  return (
    <div className="console">
      <header className="topbar console-top">
        <h1>{t('console.title')}</h1>
        <span className="spacer" />
        {me && (
          <span className="console-user" data-testid="console-user">
            {t(`console.role.${me.role}`, { name: me.name })}
          </span>
        )}
        <button type="button" onClick={toggleLanguage} data-testid="console-language">
          {t('language.switch')}
        </button>
        {me && (
          <button type="button" onClick={() => void signOut()} data-testid="console-sign-out">
            {t('console.signOut')}
          </button>
        )}
      </header>
      <main className="console-main">
        {me === null && <SignIn onSignedIn={setMe} />}
        {me && siteCode === null && <SitesList onOpen={setSiteCode} onSignedOut={signedOut} />}
        {me && siteCode !== null && <SitePage code={siteCode} me={me} onBack={() => setSiteCode(null)} onSignedOut={signedOut} />}
      </main>
    </div>
  );
}
