// A new site has no manager yet: the person opening it makes themselves its first manager, with a PIN typed twice.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bridge } from '../shared/bridge';

export function FirstManager() {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  async function submit(): Promise<void> {
    if (pin !== again) {
      setProblem('pin-mismatch');
      return;
    }
    const result = await bridge.call('session.firstManager', { name, pin });
    if (!result.ok) setProblem('failed');
    else if (result.value.result === 'refused') setProblem(result.value.problem);
    // Signed in: the core pushes the new session and the window opens.
  }

  return (
    <main className="sign-in" data-testid="first-manager">
      <form
        className="sign-in-card card first-manager"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <h2>{t('firstManager.title')}</h2>
        <p>{t('firstManager.explain')}</p>
        <label>
          <span>{t('firstManager.name')}</span>
          <input ref={first} data-testid="first-manager-name" value={name} onChange={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          <span>{t('firstManager.pin')}</span>
          <input
            data-testid="first-manager-pin"
            type="password"
            inputMode="numeric"
            value={pin}
            onChange={(e) => setPin(e.currentTarget.value)}
          />
        </label>
        <label>
          <span>{t('firstManager.again')}</span>
          <input
            data-testid="first-manager-again"
            type="password"
            inputMode="numeric"
            value={again}
            onChange={(e) => setAgain(e.currentTarget.value)}
          />
        </label>
        {problem && (
          <p className="sign-in-message" role="alert">
            {t(`firstManager.problem.${problem}`)}
          </p>
        )}
        <button type="submit" className="primary" data-testid="first-manager-submit">
          {t('firstManager.submit')}
        </button>
      </form>
    </main>
  );
}
