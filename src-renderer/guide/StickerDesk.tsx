// Read a person's ID card on the reader or type their details (checked as they are typed), make the sticker,
// print it, next person.
import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../src-main/core/contract';
import { bridge } from '../shared/bridge';
import { PersonInputs, usePersonForm } from '../shared/PersonInputs';
import { failureWords, say } from '../shared/problems';
import { refusalParams } from '../shared/refusalParams';
import { playSound } from '../shared/sounds/player';

type Made = Extract<Output<'guide.sticker'>, { result: 'sticker' }>;

// The QR code is drawn by bwip-js, a large library: it loads with the first sticker.
const Sticker = lazy(() => import('./Sticker').then((module) => ({ default: module.Sticker })));

export function StickerDesk() {
  const { t } = useTranslation();
  const form = usePersonForm();
  const [made, setMade] = useState<Made | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const first = useRef<HTMLSelectElement>(null);
  const phone = useRef<HTMLInputElement>(null);
  // Where the form takes the focus when it shows: its first field, or the phone once a card filled the rest (a new
  // object for each card, so that a second card brings the focus back there too).
  const [focusOn, setFocusOn] = useState<{ field: 'first' | 'phone' }>({ field: 'first' });
  useEffect(() => {
    if (!made) (focusOn.field === 'phone' ? phone : first).current?.focus();
  }, [made, focusOn]);

  // A card laid on this window's reader fills the form; only the phone is left to type.
  const { set } = form;
  useEffect(
    () =>
      bridge.on((pushed) => {
        if (pushed.event !== 'guide.card') return;
        const card = pushed.payload;
        if ('problem' in card) {
          playSound('refused');
          setProblem(t(`problem.${card.problem}.title`, refusalParams(card)));
          return;
        }
        playSound('notice');
        setMade(null);
        set('docType', card.docType);
        set('idNumber', card.idNumber);
        set('name', card.name);
        setProblem(card.expired ? t('guide.cardExpired') : null);
        setFocusOn({ field: 'phone' });
      }),
    [set, t],
  );

  async function make(): Promise<void> {
    if (!form.attempt()) return;
    const result = await bridge.call('guide.sticker', form.person);
    if (!result.ok) return setProblem(say(t, failureWords(result.error)));
    if (result.value.result === 'refused') return setProblem(t(`problem.${result.value.problem}.title`, refusalParams(result.value)));
    setProblem(null);
    setMade(result.value);
    // That person is done: the next one, by card or by hand, starts from an empty form.
    form.reset();
  }

  if (made) {
    return (
      <main className="guide-main">
        <Suspense>
          <Sticker made={made} />
        </Suspense>
        <div className="guide-actions no-print">
          <button type="button" className="primary" data-testid="sticker-print" onClick={() => window.print()}>
            {t('guide.print')}
          </button>
          <button
            type="button"
            data-testid="sticker-next"
            onClick={() => {
              setMade(null);
              setFocusOn({ field: 'first' });
            }}
          >
            {t('guide.next')}
          </button>
        </div>
      </main>
    );
  }

  return (
    <main className="guide-main">
      <form
        className="card person-form guide-form"
        data-testid="sticker-form"
        onSubmit={(event) => {
          event.preventDefault();
          void make();
        }}
      >
        <h2>{t('guide.formTitle')}</h2>
        <p className="muted">{t('guide.explain')}</p>
        <PersonInputs form={form} testIds="guide" firstRef={first} phoneRef={phone} />
        {problem && (
          <p className="setting-error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="primary" data-testid="sticker-make">
          {t('guide.make')}
        </button>
      </form>
    </main>
  );
}
