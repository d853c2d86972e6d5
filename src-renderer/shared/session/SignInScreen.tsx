// Sign-in and lock screen of a window: pick your name, type your PIN, Enter. What the window keeps while locked
// (a desk's open tube) is shown by the window, as children.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../bridge';
import { LANGUAGE_KEY, toggleLanguage } from '../i18n';
import { keyTimer } from '../keystrokeTiming';
import { failureWords } from '../problems';
import { playSound, wakeAudio } from '../sounds/player';
import './session.css';

type Session = Output<'session.state'>;

type Message = { key: string; params?: Record<string, string | number> };

/** The arrow keys walk the names, across (as they are shown) or up and down, the PIN field keeping the focus. */
const STEPS: Partial<Record<string, number>> = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };

export function SignInScreen({
  session,
  where,
  deskReadings = false,
  children,
}: {
  session: Session;
  /** The window, as its title names it ("登记台 1"). */
  where: string;
  /** A desk window: its scanner and card reader keep reading, and each reading refused must be said. */
  deskReadings?: boolean;
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const { operators } = session;
  const [picked, setChosen] = useState<string | null>(null);
  // Until somebody picks a name: the one signed in before the lock, else the first (the list may grow meanwhile).
  const chosen = picked ?? session.operator?.id ?? operators[0]?.id ?? null;
  const [message, setMessage] = useState<Message | null>(null);
  const pin = useRef<HTMLInputElement>(null);
  const timer = useRef(keyTimer());

  // Whatever was pressed or clicked last (a name, the language), the next key typed goes to the PIN field.
  useEffect(() => pin.current?.focus(), [chosen, i18n.language]);

  // A scanner or card reader used while nobody is signed in: nothing was stored, say why. The lock refuses a
  // reading without an outcome; a scan nobody could read is refused before it reaches the lock.
  useEffect(() => {
    if (!deskReadings) return;
    return bridge.on((pushed) => {
      if (pushed.event !== 'desk.reading' || (pushed.payload.outcome !== null && pushed.payload.outcome.result !== 'refused')) return;
      playSound('refused');
      setMessage({ key: 'session.readingRefused' });
    });
  }, [deskReadings]);

  async function submit(text: string): Promise<void> {
    if (!chosen) return;
    const result = await bridge.call('session.signIn', { operatorId: chosen, pin: text });
    if (!result.ok) {
      setMessage(failureWords(result.error));
      return;
    }
    const outcome = result.value;
    if (outcome.result === 'signed-in') {
      playSound('notice');
      return;
    }
    playSound('refused');
    setMessage(
      outcome.problem === 'pin-wrong'
        ? { key: 'session.pinWrong', params: { left: outcome.attemptsLeft } }
        : { key: 'session.tooManyAttempts', params: { seconds: outcome.waitSeconds } },
    );
  }

  const move = (step: number) => {
    const at = operators.findIndex((o) => o.id === chosen);
    const next = operators[(at + step + operators.length) % operators.length];
    if (next) setChosen(next.id);
  };

  // The names and the language answer their keys wherever the focus is: this screen has no other field.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const step = STEPS[event.key];
      if (event.key === LANGUAGE_KEY) toggleLanguage();
      else if (step !== undefined) move(step);
      else return;
      event.preventDefault();
      pin.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <main className="sign-in" data-testid="sign-in" data-state={session.locked ? 'locked' : 'signed-out'}>
      <section className="sign-in-card card">
        <h2>{t(session.locked ? 'session.lockedTitle' : 'session.title', { where })}</h2>
        {children}
        {operators.length === 0 ? (
          <p className="sign-in-none">{t('session.noOperators')}</p>
        ) : (
          <>
            <ul className="operators" role="listbox" aria-label={t('session.who')}>
              {operators.map((operator) => (
                <li key={operator.id}>
                  <button
                    type="button"
                    role="option"
                    aria-selected={operator.id === chosen}
                    className={operator.id === chosen ? 'operator chosen' : 'operator'}
                    onClick={() => {
                      setChosen(operator.id);
                      pin.current?.focus();
                    }}
                  >
                    <span className="operator-name">{operator.name}</span>
                    <span className="operator-role">
                      {t(`settings.roles.${operator.role}`)}
                      {operator.staffTail !== null && ` · ${t('session.staffTail', { tail: operator.staffTail })}`}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
            <label className="pin">
              <span>{t('session.pin')}</span>
              <input
                ref={pin}
                data-testid="pin"
                type="password"
                inputMode="numeric"
                autoComplete="off"
                maxLength={8}
                onInput={(event) => timer.current.input(event.nativeEvent as InputEvent, event.currentTarget.value)}
                onKeyDown={(event) => {
                  wakeAudio();
                  if (event.key !== 'Enter') return;
                  const field = event.currentTarget;
                  const text = field.value;
                  field.value = '';
                  // A scanner's burst is a code scanned too early, not a PIN: it must not use up the attempts.
                  if (timer.current.finish(text) === 'scanner') {
                    playSound('refused');
                    setMessage({ key: 'session.scanNotPin' });
                    return;
                  }
                  if (text !== '') void submit(text);
                }}
              />
            </label>
          </>
        )}
        {message && (
          <p className="sign-in-message" role="alert" data-testid="sign-in-message">
            {t(message.key, message.params)}
          </p>
        )}
      </section>
    </main>
  );
}
