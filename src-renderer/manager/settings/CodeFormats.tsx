// The personal-code formats this site accepts, as JSON (one object per format, tried in order), and the tester:
// paste a sample code and see which format reads it and what it reads, before saving anything.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { FieldProblem } from '../../shared/FieldProblem';
import { NOTHING_PLACED, placeFailure, type Placed } from '../../shared/problems';
import { SaveMessage } from './SaveMessage';
import type { Settings } from './SettingsPanel';
import { useSave } from './useSave';

type Tested = Output<'site.testCodeFormats'>;

const FORMATS_NOT_JSON = { key: 'settings.formatsNotJson' };

export function CodeFormats({ settings, onSaved }: { settings: Settings; onSaved: (settings: Settings) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => JSON.stringify(settings.codeFormats, null, 2));
  const [sample, setSample] = useState('');
  const [tested, setTested] = useState<Tested | null>(null);
  // What the tester was told; saving says its own beside the same fields.
  const [testPlaced, setTestPlaced] = useState<Placed>(NOTHING_PLACED);
  const { save, refuse, message, placed } = useSave(onSaved, ['codeFormats']);

  /** The formats as typed, or null (and why, beside them) when they are not JSON at all. */
  function parsed(then: (problem: typeof FORMATS_NOT_JSON) => void): unknown[] | null {
    try {
      const value: unknown = JSON.parse(text);
      if (Array.isArray(value)) return value;
    } catch {
      // Said below.
    }
    then(FORMATS_NOT_JSON);
    return null;
  }

  /** What the winning format read, or why the sticker it is was refused, as a desk would say it. */
  function testedSays(result: Tested['result']): string {
    if (result === null) return t('settings.testNone');
    if (result.kind === 'token') return t('settings.testToken', { format: result.format });
    if (result.kind === 'refused') return t(`problem.${result.problem}.title`);
    return t('settings.testPerson', { format: result.format, ...result.fields });
  }

  async function test(): Promise<void> {
    const formats = parsed((problem) => setTestPlaced({ fields: { formats: problem }, general: null }));
    if (!formats) return setTested(null);
    const result = await bridge.call('site.testCodeFormats', { text: sample, formats: formats as never });
    setTestPlaced(result.ok ? NOTHING_PLACED : placeFailure(result.error, ['formats', 'text']));
    setTested(result.ok ? result.value : null);
  }

  return (
    <section className="card settings-section">
      <h2>{t('settings.codeFormats')}</h2>
      <p className="muted">{t('settings.codeFormatsHelp')}</p>
      <label className="field">
        <textarea
          data-testid="code-formats"
          aria-label={t('settings.codeFormats')}
          rows={8}
          value={text}
          spellCheck={false}
          onChange={(e) => setText(e.currentTarget.value)}
        />
        <FieldProblem placed={placed} field="codeFormats" />
        <FieldProblem placed={testPlaced} field="formats" />
      </label>
      <div className="tester">
        <label className="field">
          <input data-testid="code-sample" value={sample} placeholder={t('settings.samplePlaceholder')} onChange={(e) => setSample(e.currentTarget.value)} />
          <FieldProblem placed={testPlaced} field="text" />
        </label>
        <button type="button" data-testid="code-test" onClick={() => void test()}>
          {t('settings.test')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="code-formats-save"
          onClick={() => {
            const formats = parsed((problem) => refuse({ codeFormats: problem }));
            if (formats) void save({ codeFormats: formats as never });
          }}
        >
          {t('settings.save')}
        </button>
      </div>
      {testPlaced.general && !testPlaced.fields.formats && !testPlaced.fields.text && <SaveMessage message={{ ok: false, words: testPlaced.general }} />}
      {tested && (
        <div className="tested" data-testid="code-tested">
          {testedSays(tested.result)}
          <ul>
            {tested.formats.map((format) => (
              <li key={format.name}>{t(format.matches ? 'settings.formatMatches' : 'settings.formatNoMatch', { name: format.name })}</li>
            ))}
          </ul>
        </div>
      )}
      <SaveMessage message={message} />
    </section>
  );
}
