// Asks for the site passphrase: once to open the site's data, twice to choose one for a new site. Main says
// whether it opened the data; this page only says so.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnlockAnswer } from '../../src-main/unlockChannel';
import { toggleLanguage } from '../shared/i18n';

declare global {
  interface Window {
    swabdeskUnlock?: { submit(passphrase: string): Promise<UnlockAnswer> };
  }
}

export function UnlockApp({ isNewSite }: { isNewSite: boolean }) {
  const { t } = useTranslation();
  const [passphrase, setPassphrase] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(): Promise<void> {
    if (isNewSite && passphrase !== again) return setProblem('mismatch');
    setBusy(true);
    const answer = await window.swabdeskUnlock!.submit(passphrase);
    setBusy(false);
    if (!answer.ok) setProblem(answer.problem);
  }

  return (
    <main className="unlock">
      <header className="topbar unlock-top">
        <h1>{t('app.name')}</h1>
        <span className="spacer" />
        <button type="button" onClick={toggleLanguage}>
          {t('language.switch')}
        </button>
      </header>
      <form
        className="card unlock-card"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h1>{isNewSite ? t('unlock.newTitle') : t('unlock.title')}</h1>
        <p className="unlock-hint">{isNewSite ? t('unlock.newHint') : t('unlock.hint')}</p>
        <label>
          <span>{t('unlock.passphrase')}</span>
          <input data-testid="unlock-passphrase" type="password" autoFocus value={passphrase} onChange={(e) => setPassphrase(e.currentTarget.value)} />
        </label>
        {isNewSite && (
          <label>
            <span>{t('unlock.again')}</span>
            <input data-testid="unlock-again" type="password" value={again} onChange={(e) => setAgain(e.currentTarget.value)} />
          </label>
        )}
        <button type="submit" className="primary" disabled={busy || passphrase === ''} data-testid="unlock-submit">
          {isNewSite ? t('unlock.create') : t('unlock.open')}
        </button>
        {problem && (
          <p className="unlock-problem" role="alert" data-testid="unlock-problem">
            {t(`unlock.problem.${problem}`)}
          </p>
        )}
      </form>
    </main>
  );
}
