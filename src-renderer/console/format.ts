// Times as the console shows them: the hour and minute in the page's language, the date too when not of today; and
// how long ago a time was, for what has waited since.
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

/** How long since `iso`, in minutes, hours or days as it grows; never below 0 (a clock a little ahead). */
export function ageOf(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
  if (minutes < 60) return i18next.t('console.age.minutes', { minutes });
  if (minutes < 24 * 60) return i18next.t('console.age.hours', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
  return i18next.t('console.age.days', { days: Math.floor(minutes / (24 * 60)), hours: Math.floor(minutes / 60) % 24 });
}
