// Where and how this station uploads. The token is write-only: the form says whether one is set and replaces it
// only when something is typed.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { FieldProblem } from '../../shared/FieldProblem';
import { failureWords, NOTHING_PLACED, placeFailure, placeIssues, type Placed, type Words } from '../../shared/problems';
import { typedNumber } from '../../shared/typedNumber';
import { SaveMessage } from '../settings/SaveMessage';
import { SAVED, type SaveMessageState } from '../settings/useSave';

type View = Output<'site.uploadSettings'>;
type Draft = { endpoint: string; token: string; adapter: View['adapter']; template: string; batchSize: string; intervalSeconds: string };

const ADAPTERS = ['swabdesk', 'template', 'fhir'] as const;
const FIELDS = ['endpoint', 'token', 'adapter', 'template', 'batchSize', 'intervalSeconds'];
const NUMBERS = ['batchSize', 'intervalSeconds'] as const;

const draftOf = (view: View): Draft => ({
  endpoint: view.endpoint,
  token: '',
  adapter: view.adapter,
  template: view.template,
  batchSize: String(view.batchSize),
  intervalSeconds: String(view.intervalSeconds),
});

export function UploadSettings() {
  const { t } = useTranslation();
  const [view, setView] = useState<View | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState<SaveMessageState>(null);
  const [placed, setPlaced] = useState<Placed>(NOTHING_PLACED);
  useEffect(() => {
    void bridge.call('site.uploadSettings', {}).then((result) => {
      if (!result.ok) return;
      setView(result.value);
      setDraft(draftOf(result.value));
    });
  }, []);
  if (!view || !draft) return null;
  const set = (changes: Partial<Draft>) => setDraft({ ...draft, ...changes });

  function refuse(next: Placed): void {
    setPlaced(next);
    setMessage({ ok: false, words: next.general ?? failureWords({ code: 'invalid-input' }) });
  }

  async function save(current: Draft): Promise<void> {
    const numbers = NUMBERS.map((field) => [field, typedNumber(current[field])] as const);
    const problems = Object.fromEntries(numbers.flatMap(([field, typed]) => ('problem' in typed ? [[field, typed.problem]] : []))) as Record<string, Words>;
    if (Object.keys(problems).length > 0) return refuse({ fields: problems, general: null });
    const result = await bridge.call('site.saveUploadSettings', {
      endpoint: current.endpoint,
      adapter: current.adapter,
      template: current.template,
      ...Object.fromEntries(numbers.map(([field, typed]) => [field, 'value' in typed ? typed.value : 0])),
      ...(current.token ? { token: current.token } : {}),
    });
    if (!result.ok) return refuse(placeFailure(result.error, FIELDS));
    if (result.value.result === 'refused') return refuse(placeIssues(result.value.issues, FIELDS));
    setView(result.value.settings);
    setDraft(draftOf(result.value.settings));
    setPlaced(NOTHING_PLACED);
    setMessage({ ok: true, words: SAVED });
  }

  return (
    <form
      className="card settings-section"
      data-testid="upload-settings"
      onSubmit={(event) => {
        event.preventDefault();
        void save(draft);
      }}
    >
      <h2>{t('upload.settingsTitle')}</h2>
      <div className="settings-grid">
        <label className="wide">
          <span>{t('upload.fields.endpoint')}</span>
          <input data-testid="upload-endpoint" type="url" value={draft.endpoint} placeholder="https://" onChange={(e) => set({ endpoint: e.currentTarget.value })} />
          <FieldProblem placed={placed} field="endpoint" />
        </label>
        <label>
          <span>{t('upload.fields.token')}</span>
          <input
            data-testid="upload-token"
            type="password"
            autoComplete="off"
            value={draft.token}
            placeholder={view.tokenSet ? t('upload.tokenKept') : t('upload.tokenNone')}
            onChange={(e) => set({ token: e.currentTarget.value })}
          />
          <FieldProblem placed={placed} field="token" />
        </label>
        <label>
          <span>{t('upload.fields.adapter')}</span>
          <select data-testid="upload-adapter" value={draft.adapter} onChange={(e) => set({ adapter: e.currentTarget.value as Draft['adapter'] })}>
            {ADAPTERS.map((adapter) => (
              <option key={adapter} value={adapter}>
                {t(`upload.adapters.${adapter}`)}
              </option>
            ))}
          </select>
          <FieldProblem placed={placed} field="adapter" />
        </label>
        <label>
          <span>{t('upload.fields.batchSize')}</span>
          <input data-testid="upload-batch-size" type="number" value={draft.batchSize} onChange={(e) => set({ batchSize: e.currentTarget.value })} />
          <FieldProblem placed={placed} field="batchSize" />
        </label>
        <label>
          <span>{t('upload.fields.intervalSeconds')}</span>
          <input data-testid="upload-interval" type="number" value={draft.intervalSeconds} onChange={(e) => set({ intervalSeconds: e.currentTarget.value })} />
          <FieldProblem placed={placed} field="intervalSeconds" />
        </label>
        {draft.adapter === 'template' && (
          <label className="wide">
            <span>{t('upload.fields.template')}</span>
            <textarea data-testid="upload-template" rows={6} value={draft.template} onChange={(e) => set({ template: e.currentTarget.value })} />
            <FieldProblem placed={placed} field="template" />
          </label>
        )}
      </div>
      <button type="submit" className="primary" data-testid="upload-save">
        {t('settings.save')}
      </button>
      <SaveMessage message={message} />
    </form>
  );
}
