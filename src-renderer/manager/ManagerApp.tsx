// The manager window: nothing until a manager signs in (a new site makes its first manager here); then the
// site's day.
import { useTranslation } from 'react-i18next';
import { SignInScreen } from '../shared/session/SignInScreen';
import { useSession } from '../shared/session/useSession';
import { TopBar } from '../shared/TopBar';
import { useWindowTitle } from '../shared/useWindowTitle';
import { FirstManager } from './FirstManager';
import { SiteDesk } from './SiteDesk';

export function ManagerApp() {
  const { t } = useTranslation();
  const { session, connected } = useSession();
  const working = session?.operator && !session.locked;
  useWindowTitle(t('windows.manager'));

  return (
    <div className="manager">
      <TopBar where={t('manager.title')} connected={connected} />
      {session &&
        (working ? (
          <SiteDesk operator={session.operator!.name} />
        ) : session.operators.length === 0 ? (
          <FirstManager />
        ) : (
          <SignInScreen session={session} where={t('manager.title')} />
        ))}
    </div>
  );
}
