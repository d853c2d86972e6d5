// The title bar and the taskbar name the window in its own language ("登记台 1 · 采样台 SwabDesk"), so a PC with
// several desks shows which window is which. Electron shows the page's title as the window's.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** `where` names the window ("登记台 1"); empty while it is not known yet (a desk before the core answered). */
export function useWindowTitle(where: string): void {
  const { t } = useTranslation();
  const title = where === '' ? t('app.name') : t('app.windowTitle', { where });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
