import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { toggleLanguage } from './i18n';
import { ConnectionBanner } from './ConnectionBanner';
import { DiskWarning } from './DiskWarning';

/** The top of every window: product, where this window is, extra facts, the language switch, and the alerts. */
export function TopBar({ where, connected, children }: { where: string; connected: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <>
      <header className="topbar">
        <h1>{t('app.name')}</h1>
        <span className="where">{where}</span>
        <span className="spacer" />
        {children}
        <button type="button" onClick={toggleLanguage}>
          {t('language.switch')}
        </button>
      </header>
      <ConnectionBanner connected={connected} />
      <DiskWarning />
    </>
  );
}
