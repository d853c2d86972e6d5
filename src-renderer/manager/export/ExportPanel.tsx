// The day's registrations as a file: the manager chooses the day, the format, masked or full, and the file's
// language (Chinese unless English is chosen: the file goes to Chinese officials). The core makes it in its
// background worker, the window fetches it in parts and the browser downloads it. A full export is confirmed first;
// the core records it in the trail.
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { saveBytes } from '../../shared/download';
import { fetchParts } from './fetchParts';
import './export.css';

type Request = Required<Input<'site.exportDay'>>;
type Said = { ok: boolean; text: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A group of radio buttons, one per choice, each worded by its own key. */
function Choice<V extends string>({
  legend,
  name,
  choices,
  value,
  onChange,
}: {
  legend: string;
  name: string;
  choices: { value: V; label: string }[];
  value: V;
  onChange: (value: V) => void;
}) {
  return (
    <fieldset className="export-choice">
      <legend>{legend}</legend>
      {choices.map((choice) => (
        <label key={choice.value}>
          <input
            type="radio"
            name={name}
            data-testid={`export-${name}-${choice.value}`}
            checked={value === choice.value}
            onChange={() => onChange(choice.value)}
          />
          <span>{choice.label}</span>
        </label>
      ))}
    </fieldset>
  );
}

export function ExportPanel({ today }: { today: string | null }) {
  const { t } = useTranslation();
  const [options, setOptions] = useState<Omit<Request, 'day'>>({ format: 'xlsx', full: false, language: 'zh' });
  // Until the manager picks one, the day offered is the site's, which arrives with the totals.
  const [chosenDay, setChosenDay] = useState<string | null>(null);
  const request: Request = { ...options, day: chosenDay ?? today ?? '' };
  const [dayProblem, setDayProblem] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [running, setRunning] = useState(false);
  const [said, setSaid] = useState<Said | null>(null);
  const runButton = useRef<HTMLButtonElement>(null);
  // The confirmation stands where the button was: when it closes, the button comes back with the focus.
  const [backToButton, setBackToButton] = useState(false);
  const closeConfirmation = () => {
    setConfirming(false);
    setBackToButton(true);
  };

  const change = (changes: Partial<Request>) => {
    const { day, ...rest } = changes;
    if (day !== undefined) setChosenDay(day);
    setOptions((now) => ({ ...now, ...rest }));
    setConfirming(false);
    setSaid(null);
  };

  async function run(): Promise<void> {
    closeConfirmation();
    setRunning(true);
    setSaid(null);
    const result = await bridge.call('site.exportDay', request);
    const parts = result.ok ? await fetchParts(result.value.id, result.value.parts) : null;
    setRunning(false);
    runButton.current?.focus();
    if (!result.ok || parts === null) {
      const unreachable = !result.ok && result.error.code === 'unreachable';
      return setSaid({ ok: false, text: t(unreachable ? 'export.unreachable' : 'export.failed') });
    }
    const { rows, fileName, mime } = result.value;
    saveBytes(fileName, mime, parts);
    const words = { day: request.day, count: rows, file: fileName };
    setSaid({ ok: true, text: rows === 0 ? t('export.empty', words) : t('export.done', words) });
  }

  function submit(): void {
    const valid = DAY.test(request.day) && (today === null || request.day <= today);
    setDayProblem(!valid);
    if (!valid) return;
    // The people's full details leave the station only once the manager has said so, knowing it is recorded.
    if (request.full) setConfirming(true);
    else void run();
  }

  let status: ReactNode = null;
  if (running) status = <p role="status">{t('export.running')}</p>;
  else if (said)
    status = (
      <p className={said.ok ? 'setting-ok' : 'setting-error'} role={said.ok ? 'status' : 'alert'} data-testid="export-said">
        {said.text}
      </p>
    );

  return (
    <form
      className="export card"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h2>{t('export.title')}</h2>
      <p className="muted">{t('export.explain')}</p>
      <label className="export-day">
        <span>{t('export.day')}</span>
        <input
          type="date"
          autoFocus
          data-testid="export-day"
          value={request.day}
          max={today ?? undefined}
          aria-invalid={dayProblem}
          aria-describedby={dayProblem ? 'export-day-problem' : undefined}
          onChange={(event) => {
            change({ day: event.currentTarget.value });
            setDayProblem(false);
          }}
        />
        {dayProblem && (
          <span className="setting-error" id="export-day-problem" data-testid="export-day-problem">
            {t('export.dayInvalid')}
          </span>
        )}
      </label>
      <Choice
        legend={t('export.format')}
        name="format"
        value={request.format}
        onChange={(format) => change({ format })}
        choices={[
          { value: 'xlsx', label: t('export.formats.xlsx') },
          { value: 'csv', label: t('export.formats.csv') },
        ]}
      />
      <Choice
        legend={t('export.content')}
        name="content"
        value={request.full ? 'full' : 'masked'}
        onChange={(content) => change({ full: content === 'full' })}
        choices={[
          { value: 'masked', label: t('export.masked') },
          { value: 'full', label: t('export.full') },
        ]}
      />
      <Choice
        legend={t('export.language')}
        name="language"
        value={request.language}
        onChange={(language) => change({ language })}
        choices={[
          { value: 'zh', label: t('export.languages.zh') },
          { value: 'en', label: t('export.languages.en') },
        ]}
      />
      {confirming ? (
        <div
          className="export-confirm"
          role="alertdialog"
          aria-labelledby="export-confirm-text"
          onKeyDown={(event) => {
            if (event.key === 'Escape') closeConfirmation();
          }}
        >
          <p id="export-confirm-text">{t('export.confirmFull', { day: request.day })}</p>
          <button type="button" className="primary" autoFocus data-testid="export-confirm" onClick={() => void run()}>
            {t('export.confirm')}
          </button>
          <button type="button" className="secondary" data-testid="export-cancel" onClick={closeConfirmation}>
            {t('export.cancel')}
          </button>
        </div>
      ) : (
        <button type="submit" className="primary" ref={runButton} autoFocus={backToButton} data-testid="export-run" disabled={running}>
          {t('export.run')}
        </button>
      )}
      {status}
    </form>
  );
}
