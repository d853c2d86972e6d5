import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { keyTimer, type Typist } from '../shared/keystrokeTiming';
import { useKeptFocus } from '../shared/useKeptFocus';

/**
 * The one input a clerk needs. A keyboard-mode scanner types the code and presses Enter; the field keeps the
 * focus by itself (also after a dialog closes) so that no scan is typed into nowhere, and tells the core
 * whether a scanner or a person typed it.
 */
export function ScanField({ onScan, paused }: { onScan: (text: string, typist: Typist) => void; paused: boolean }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const timer = useRef(keyTimer());

  useKeptFocus(input, paused);

  return (
    <label className="scan">
      <span className="scan-label">{t('clerk.scanLabel')}</span>
      <input
        ref={input}
        data-testid="scan"
        autoComplete="off"
        spellCheck={false}
        disabled={paused}
        placeholder={t('clerk.scanPlaceholder')}
        onInput={(event) => timer.current.input(event.nativeEvent as InputEvent, event.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          const field = event.currentTarget;
          const text = field.value;
          field.value = '';
          const typist = timer.current.finish(text);
          if (text.trim() !== '') onScan(text, typist);
        }}
      />
    </label>
  );
}
