// Times as the console shows them: the hour and minute in the page's language, the date too when not of today.
import i18next from 'i18next';

export function timeOf(iso: string | null): string {
  if (iso === null) return i18next.t('console.never');
  const at = new Date(iso);
  const locale = i18next.language === 'zh' ? 'zh-CN' : 'en-GB';
  const today = at.toDateString() === new Date().toDateString();
  return today
    ? at.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
    : at.toLocaleString(locale, { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
}
