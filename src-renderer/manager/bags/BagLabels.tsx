// Labels for transport bags, printed before packing: each a 60 × 40 mm page with the bag's number as a Code 128
// (what the packing scan reads) and as text. Numbers run on from the first one typed, keeping its digits' width.
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { bridge } from '../../shared/bridge';
import './labels.css';

// bwip-js is a large library: it loads with the first labels made, not with the manager window.
const LabelSheet = lazy(() => import('./LabelSheet').then((module) => ({ default: module.LabelSheet })));

const MAX_LABELS = 100;

/** `count` numbers from `first` on, counting in its trailing digits ("B2026112309" → "B2026112310"); null when
 * there is more than one and it ends in no digit. */
export function bagNumbers(first: string, count: number): string[] | null {
  const [, prefix, digits] = /^(.*?)(\d*)$/.exec(first)!;
  if (digits === '') return count === 1 ? [first] : null;
  const start = BigInt(digits);
  return Array.from({ length: count }, (_, i) => prefix + (start + BigInt(i)).toString().padStart(digits.length, '0'));
}

export function BagLabels({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [first, setFirst] = useState('');
  const [count, setCount] = useState('1');
  const [pattern, setPattern] = useState<RegExp | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [numbers, setNumbers] = useState<string[]>([]);

  useEffect(() => {
    void bridge.call('site.settings', {}).then((result) => {
      if (result.ok) setPattern(new RegExp(result.value.bagPattern, 'u'));
    });
  }, []);

  function make(): void {
    const n = Number(count);
    if (!Number.isInteger(n) || n < 1 || n > MAX_LABELS) return setProblem(t('labels.countRange'));
    const made = bagNumbers(first.trim(), n);
    if (!made) return setProblem(t('labels.noDigits'));
    // A label the packing scan would not take for a bag is no use: say which.
    const wrong = made.find((number) => !pattern?.test(number));
    if (wrong !== undefined) return setProblem(t('labels.notBag', { number: wrong }));
    setProblem(null);
    setNumbers(made);
  }

  return (
    <div className="bag-labels">
      <form
        className="card bag-labels-form no-print"
        onSubmit={(event) => {
          event.preventDefault();
          make();
        }}
      >
        <h2>{t('labels.title')}</h2>
        <label>
          <span>{t('labels.first')}</span>
          <input data-testid="labels-first" autoFocus autoComplete="off" spellCheck={false} value={first} onChange={(e) => setFirst(e.currentTarget.value)} />
        </label>
        <label>
          <span>{t('labels.count')}</span>
          <input data-testid="labels-count" inputMode="numeric" value={count} onChange={(e) => setCount(e.currentTarget.value)} />
        </label>
        <button type="submit" className="primary" data-testid="labels-make">
          {t('labels.make')}
        </button>
        <button type="button" className="primary" data-testid="labels-print" disabled={numbers.length === 0} onClick={() => window.print()}>
          {t('labels.print')}
        </button>
        <button type="button" data-testid="labels-back" onClick={onClose}>
          {t('labels.back')}
        </button>
        {problem ? (
          <p className="setting-error" role="alert" data-testid="labels-problem">
            {problem}
          </p>
        ) : (
          numbers.length > 0 && (
            <p className="muted" role="status">
              {t('labels.ready', { count: numbers.length, first: numbers[0], last: numbers.at(-1) })}
            </p>
          )
        )}
      </form>
      {numbers.length > 0 && (
        <Suspense>
          <LabelSheet numbers={numbers} />
        </Suspense>
      )}
    </div>
  );
}
