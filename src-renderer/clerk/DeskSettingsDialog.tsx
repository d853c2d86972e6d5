// The desk's own settings, set by the clerk working there: names on screen masked or in full, and what is read out
// after each person. Each choice is saved as it is made; arrow keys move within a group, Tab between groups, Esc
// or F3 closes and the scan field takes the focus back.
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useVoiceName } from '../shared/sounds/speech';
import type { DeskSettings } from './useDeskSettings';


const READ_OUT = ['off', 'position', 'surname', 'full'] as const;
/** The key cap, the same in every language. */
const CLOSE_KEY = 'Esc';
const NAMES = ['masked', 'full'] as const;

export function DeskSettingsDialog({
  settings,
  onChange,
  onClose,
}: {
  settings: DeskSettings;
  onChange: (settings: DeskSettings) => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const voice = useVoiceName(i18n.language);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);

  return (
    <div className="dialog-backdrop">
      <form
        className="dialog card desk-settings"
        data-testid="desk-settings"
        aria-label={t('deskSettings.title')}
        onSubmit={(event) => event.preventDefault()}
        onKeyDown={(event) => {
          if (event.key !== 'Escape' && event.key !== 'F3') return;
          event.preventDefault();
          event.stopPropagation();
          onClose();
        }}
      >
        <h2>{t('deskSettings.title')}</h2>
        <fieldset>
          <legend>{t('deskSettings.names')}</legend>
          {NAMES.map((names) => (
            <label key={names}>
              <input
                ref={settings.names === names ? first : undefined}
                type="radio"
                name="names"
                data-testid={`names-${names}`}
                checked={settings.names === names}
                onChange={() => onChange({ ...settings, names })}
              />
              {t(`deskSettings.namesChoice.${names}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('deskSettings.readOut')}</legend>
          {READ_OUT.map((readOut) => (
            <label key={readOut}>
              <input
                type="radio"
                name="readOut"
                data-testid={`read-out-${readOut}`}
                checked={settings.readOut === readOut}
                onChange={() => onChange({ ...settings, readOut })}
              />
              {t(`deskSettings.readOutChoice.${readOut}`)}
            </label>
          ))}
          <p className="desk-settings-voice" data-testid="voice" data-voice={voice ?? ''}>
            {voice === null ? t('deskSettings.noVoice') : t('deskSettings.voice', { voice })}
          </p>
        </fieldset>
        <footer className="dialog-keys">
          <span>
            <kbd>{CLOSE_KEY}</kbd> {t('deskSettings.close')}
          </span>
        </footer>
      </form>
    </div>
  );
}
