// A new site has no manager yet: the person opening it makes themselves its first manager, with a PIN typed twice.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bridge } from '../shared/bridge';
import { refusalParams, type Refusal } from '../shared/refusalParams';

export function FirstManager() {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [pin, setPin] = useState('');
  const [again, setAgain] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  async function submit(): Promise<void> {
    if (pin !== again) {
      setRefusal({ problem: 'pin-mismatch' });
      return;
    }
    const result = await bridge.call('session.firstManager', { name, pin });
    if (!result.ok) setRefusal({ problem: 'failed' });
    else if (result.value.result === 'refused') setRefusal(result.value);
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
        {refusal && (
          <p className="sign-in-message" role="alert">
            {t(refusal.problem === 'name-taken' ? 'settings.operatorProblem.name-taken' : `firstManager.problem.${refusal.problem}`, refusalParams(refusal))}
          </p>
        )}
        <button type="submit" className="primary" data-testid="first-manager-submit">
          {t('firstManager.submit')}
        </button>
      </form>
    </main>
  );
}
