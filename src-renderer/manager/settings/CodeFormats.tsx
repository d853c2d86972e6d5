// The personal-code formats this site accepts, as JSON (one object per format, tried in order), and the tester:
// paste a sample code and see which format reads it and what it reads, before saving anything.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { SaveMessage } from './SaveMessage';
import type { Settings } from './SettingsPanel';
import { useSave } from './useSave';

type Tested = Output<'site.testCodeFormats'>;

export function CodeFormats({ settings, onSaved }: { settings: Settings; onSaved: (settings: Settings) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => JSON.stringify(settings.codeFormats, null, 2));
  const [sample, setSample] = useState('');
  const [tested, setTested] = useState<Tested | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const { save, message } = useSave(onSaved);

  /** The formats as typed, or null (and why) when they are not JSON at all. */
  function parsed(): unknown[] | null {
    try {
      const value: unknown = JSON.parse(text);
      if (Array.isArray(value)) return value;
    } catch {
      // Said below.
    }
    setProblem(t('settings.formatsNotJson'));
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
    const formats = parsed();
    if (!formats) return;
    const result = await bridge.call('site.testCodeFormats', { text: sample, formats: formats as never });
    setProblem(result.ok ? null : t('settings.notSaved', { message: result.error.message }));
    setTested(result.ok ? result.value : null);
  }

  return (
    <section className="card settings-section">
      <h2>{t('settings.codeFormats')}</h2>
      <p className="muted">{t('settings.codeFormatsHelp')}</p>
      <textarea data-testid="code-formats" rows={8} value={text} spellCheck={false} onChange={(e) => setText(e.currentTarget.value)} />
      <div className="tester">
        <input data-testid="code-sample" value={sample} placeholder={t('settings.samplePlaceholder')} onChange={(e) => setSample(e.currentTarget.value)} />
        <button type="button" data-testid="code-test" onClick={() => void test()}>
          {t('settings.test')}
        </button>
        <button
          type="button"
          className="primary"
          data-testid="code-formats-save"
          onClick={() => {
            const formats = parsed();
            if (formats) void save({ codeFormats: formats as never });
          }}
        >
          {t('settings.save')}
        </button>
      </div>
      {problem && <p className="setting-error">{problem}</p>}
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
