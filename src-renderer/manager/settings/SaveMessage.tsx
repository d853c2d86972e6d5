import { useTranslation } from 'react-i18next';
import { say, type Words } from '../../shared/problems';

/** What saving a form came to, for the form as a whole: saved, or why not (each field's problem is beside it). */
export function SaveMessage({ message }: { message: { ok: boolean; words: Words } | null }) {
  const { t } = useTranslation();
  if (!message) return null;
  return (
    <p className={message.ok ? 'setting-ok' : 'setting-error'} role="status" data-testid="settings-message">
      {say(t, message.words)}
    </p>
  );
}
