// The 名单 Roster tab: a community's ledger chosen, read by the core in its background worker (its progress shown,
// cancellable), previewed and mapped, then imported: shown all at once, or not at all.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Input, Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { failureWords, issueWords, say, type CallFailure } from '../../shared/problems';
import { LedgerPreview } from './LedgerPreview';
import { NO_FIGURES, RosterProgress, nextFigures, type Figures } from './RosterProgress';
import { sendLedger } from './sendLedger';
import './roster.css';

type Preview = Output<'roster.open'>;
type Choice = Pick<Input<'roster.remap'>, 'sheet' | 'mapping'>;
type Said = { ok: boolean; text: string };

/** What the tab shows: nothing chosen yet, the core at work on the file, or the file's preview. */
type Stage = { kind: 'choose' } | { kind: 'working'; figures: Figures } | { kind: 'preview'; preview: Preview; busy: boolean };

export function RosterPanel() {
  const { t } = useTranslation();
  const [stage, setStage] = useState<Stage>({ kind: 'choose' });
  const [said, setSaid] = useState<Said | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  // The file the core is working on, under the id this window gave it.
  const fileId = useRef<string | null>(null);
  // A call answered after the manager cancelled it is dropped.
  const job = useRef(0);
  const picker = useRef<HTMLInputElement>(null);
  const chooseButton = useRef<HTMLButtonElement>(null);

  useEffect(
    () =>
      bridge.on((pushed) => {
        if (pushed.event !== 'roster.progress' || pushed.payload.fileId !== fileId.current) return;
        setStage((now) => (now.kind === 'working' ? { kind: 'working', figures: nextFigures(now.figures, pushed.payload) } : now));
      }),
    [],
  );

  // Whenever the tab is back at choosing (on opening, after an import, a cancel or a file refused), the button that
  // chooses has the focus: it was disabled while the station worked.
  useEffect(() => {
    if (stage.kind === 'choose') chooseButton.current?.focus();
  }, [stage.kind]);

  function backToChoose(words: Said | null): void {
    fileId.current = null;
    if (picker.current) picker.current.value = '';
    setChosen(null);
    setStage({ kind: 'choose' });
    setSaid(words);
  }

  /** Why the core refused: the file's own problem (not a spreadsheet, empty…) when it names one. */
  const why = (failure: CallFailure) => say(t, failure.code === 'invalid-input' && failure.issues?.[0] ? issueWords(failure.issues[0]) : failureWords(failure));

  async function open(file: File): Promise<void> {
    const mine = ++job.current;
    const id = crypto.randomUUID();
    fileId.current = id;
    setChosen(file.name);
    setSaid(null);
    setStage({ kind: 'working', figures: { ...NO_FIGURES, phase: 'sending' } });
    const cancelled = () => mine !== job.current;
    const onPart = (done: number, total: number) => !cancelled() && setStage({ kind: 'working', figures: { ...NO_FIGURES, phase: 'sending', done, total } });
    const fail = (failure: CallFailure) => backToChoose({ ok: false, text: t('roster.openFailed', { reason: why(failure) }) });
    const refused = await sendLedger(file, id, onPart, cancelled);
    if (cancelled()) return;
    if (refused) return fail(refused);
    const result = await bridge.call('roster.open', { fileId: id, fileName: file.name });
    // Cancelled meanwhile: the core has forgotten the file, and the answer says nothing new.
    if (cancelled()) return;
    if (!result.ok) return fail(result.error);
    setStage({ kind: 'preview', preview: result.value, busy: false });
  }

  async function remap(preview: Preview, choice: Choice): Promise<void> {
    setStage({ kind: 'preview', preview, busy: true });
    const result = await bridge.call('roster.remap', { fileId: preview.fileId, ...choice });
    setStage({ kind: 'preview', preview: result.ok ? result.value : preview, busy: false });
    setSaid(result.ok ? null : { ok: false, text: t('roster.openFailed', { reason: why(result.error) }) });
  }

  async function runImport(preview: Preview): Promise<void> {
    const mine = ++job.current;
    setSaid(null);
    setStage({ kind: 'working', figures: { ...NO_FIGURES, phase: 'importing' } });
    const result = await bridge.call('roster.import', { fileId: preview.fileId });
    if (mine !== job.current) return;
    if (!result.ok) {
      setStage({ kind: 'preview', preview, busy: false });
      return setSaid({ ok: false, text: t('roster.importFailed', { reason: why(result.error) }) });
    }
    backToChoose({ ok: true, text: t('roster.imported', result.value) });
  }

  function cancel(): void {
    job.current++;
    if (fileId.current !== null) void bridge.call('roster.cancel', { fileId: fileId.current });
    backToChoose({ ok: true, text: t('roster.cancelled') });
  }

  return (
    <div className="roster">
      <section className="card roster-block">
        <h2>{t('roster.title')}</h2>
        <p className="muted">{t('roster.explain')}</p>
        {/* The browser's own file button speaks the browser's language: this one speaks the window's. */}
        <div className="roster-actions">
          <span>{t('roster.file')}</span>
          <button ref={chooseButton} type="button" className="secondary" data-testid="roster-choose" disabled={stage.kind === 'working'} onClick={() => picker.current?.click()}>
            {t('roster.choose')}
          </button>
          {chosen && <span data-testid="roster-chosen">{chosen}</span>}
          <input
            ref={picker}
            type="file"
            hidden
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            data-testid="roster-file"
            onChange={(event) => {
              const file = event.currentTarget.files?.[0];
              if (file) void open(file);
            }}
          />
        </div>
        {said && (
          <p className={said.ok ? 'setting-ok' : 'setting-error'} role={said.ok ? 'status' : 'alert'} data-testid="roster-said">
            {said.text}
          </p>
        )}
      </section>
      {stage.kind === 'working' && <RosterProgress figures={stage.figures} onCancel={cancel} />}
      {stage.kind === 'preview' && (
        <LedgerPreview
          preview={stage.preview}
          busy={stage.busy}
          onRemap={(choice) => void remap(stage.preview, choice)}
          onImport={() => void runImport(stage.preview)}
          onCancel={cancel}
        />
      )}
    </div>
  );
}
