// The site and its sampling rules: name, code and desks, pooling ratio, same-day re-tests, idle lock, how long
// people's records are kept, whether the roster's counts go to the platform, the barcode patterns and the bag
// capacity.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FieldProblem } from '../../shared/FieldProblem';
import type { Words } from '../../shared/problems';
import { typedNumber } from '../../shared/typedNumber';
import { SaveMessage } from './SaveMessage';
import type { Settings } from './SettingsPanel';
import { useSave } from './useSave';

const TEXT = ['siteName', 'siteCode', 'tubePattern', 'bagPattern', 'closingTime'] as const;
const NUMBERS = ['desks', 'poolingRatio', 'bagCapacity', 'idleLockMinutes', 'retentionDays'] as const;
const FIELDS = [
  'siteName',
  'siteCode',
  'desks',
  'poolingRatio',
  'sameDayRepeat',
  'idleLockMinutes',
  'closingTime',
  'retentionDays',
  'sendCoverage',
  'tubePattern',
  'bagPattern',
  'bagCapacity',
] as const;
type Field = (typeof FIELDS)[number];

export function GeneralSettings({ settings, onSaved }: { settings: Settings; onSaved: (settings: Settings) => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(() => Object.fromEntries(FIELDS.map((field) => [field, String(settings[field])])) as Record<Field, string>);
  const { save, refuse, message, placed } = useSave(onSaved, FIELDS);

  function submit(): void {
    const changed = FIELDS.filter((field) => draft[field] !== String(settings[field]));
    const problems: Record<string, Words> = {};
    const changes = Object.fromEntries(
      changed.map((field) => {
        if (field === 'sendCoverage') return [field, draft[field] === 'true'];
        if (!(NUMBERS as readonly string[]).includes(field)) return [field, draft[field]];
        const typed = typedNumber(draft[field]);
        if ('problem' in typed) problems[field] = typed.problem;
        return [field, 'value' in typed ? typed.value : null];
      }),
    );
    if (Object.keys(problems).length > 0) return refuse(problems);
    void save(changes);
  }

  return (
    <form
      className="card settings-section"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h2>{t('settings.general')}</h2>
      <div className="settings-grid">
        {FIELDS.map((field) => (
          <label key={field}>
            <span>{t(`settings.fields.${field}`)}</span>
            {field === 'sameDayRepeat' ? (
              <select data-testid={`setting-${field}`} value={draft[field]} onChange={(e) => setDraft({ ...draft, [field]: e.currentTarget.value })}>
                <option value="warn">{t('settings.sameDay.warn')}</option>
                <option value="refuse">{t('settings.sameDay.refuse')}</option>
              </select>
            ) : field === 'sendCoverage' ? (
              <select data-testid={`setting-${field}`} value={draft[field]} onChange={(e) => setDraft({ ...draft, [field]: e.currentTarget.value })}>
                <option value="false">{t('settings.sendCoverage.off')}</option>
                <option value="true">{t('settings.sendCoverage.on')}</option>
              </select>
            ) : (
              <input
                data-testid={`setting-${field}`}
                type={(TEXT as readonly string[]).includes(field) ? 'text' : 'number'}
                value={draft[field]}
                onChange={(e) => setDraft({ ...draft, [field]: e.currentTarget.value })}
              />
            )}
            <FieldProblem placed={placed} field={field} />
          </label>
        ))}
      </div>
      <button type="submit" className="primary" data-testid="settings-save">
        {t('settings.save')}
      </button>
      <SaveMessage message={message} />
    </form>
  );
}
