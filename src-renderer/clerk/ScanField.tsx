import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The one input a clerk needs. A keyboard-mode scanner types the code and presses Enter; the field keeps the
 * focus by itself so that no scan is typed into nowhere.
 */
export function ScanField({ onScan }: { onScan: (text: string) => void }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const field = input.current!;
    field.focus();
    const refocus = () => setTimeout(() => field.focus(), 0);
    field.addEventListener('blur', refocus);
    return () => field.removeEventListener('blur', refocus);
  }, []);

  return (
    <label className="scan">
      <span className="scan-label">{t('clerk.scanLabel')}</span>
      <input
        ref={input}
        data-testid="scan"
        autoComplete="off"
        spellCheck={false}
        placeholder={t('clerk.scanPlaceholder')}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          const text = event.currentTarget.value;
          event.currentTarget.value = '';
          if (text.trim() !== '') onScan(text);
        }}
      />
    </label>
  );
}
