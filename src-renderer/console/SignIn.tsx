// District staff sign in with their name and password; a refusal is said under the form, in the page's language.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../src-main/hub/console/schemas';
import { consoleApi } from './consoleApi';
import { problemKey } from './problems';

export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(): Promise<void> {
    setBusy(true);
    const answer = await consoleApi.signIn(name, password);
    setBusy(false);
    if (answer.ok) return onSignedIn(answer.data);
    setPassword('');
    setProblem(answer.error);
  }

  return (
    <form
      className="card console-sign-in"
      data-testid="console-sign-in"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h2>{t('console.signIn.title')}</h2>
      <label>
        <span>{t('console.signIn.name')}</span>
        <input data-testid="console-name" autoFocus autoComplete="username" value={name} onChange={(e) => setName(e.currentTarget.value)} />
      </label>
      <label>
        <span>{t('console.signIn.password')}</span>
        <input
          data-testid="console-password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
        />
      </label>
      <button type="submit" className="primary" disabled={busy || name.trim() === '' || password === ''} data-testid="console-sign-in-submit">
        {t('console.signIn.submit')}
      </button>
      {problem && (
        <p className="console-problem" role="alert" data-testid="console-sign-in-problem">
          {t(problemKey(problem))}
        </p>
      )}
    </form>
  );
}
