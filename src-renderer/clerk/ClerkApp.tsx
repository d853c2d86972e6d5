// The clerk window: nothing until a clerk signs in; then scan a tube, scan people into it, seal it. Every
// answer comes from the core; the status bar stays below both screens.
import { useTranslation } from 'react-i18next';
import { useLiveValue } from '../shared/useBridge';
import { TopBar } from '../shared/TopBar';
import { Desk } from './Desk';
import { KeptTube } from './KeptTube';
import { SignInScreen } from '../shared/session/SignInScreen';
import { useSession } from '../shared/session/useSession';
import { StatusBar } from './StatusBar';
import { useDeskSettings } from './useDeskSettings';
import { useWindowTitle } from '../shared/useWindowTitle';

export function ClerkApp() {
  const { t } = useTranslation();
  const { session, connected } = useSession();
  const { value: desk } = useLiveValue('clerk.deskState', 'desk.changed');
  const { value: devices } = useLiveValue('clerk.devices', 'desk.devices');
  const { value: backlog } = useLiveValue('station.backlog', 'backlog.changed');
  const deskCode = desk?.desk ?? '';
  const working = session?.operator && !session.locked;
  const { settings, save: saveSettings } = useDeskSettings();
  const where = deskCode ? t('clerk.title', { desk: deskCode }) : '';
  useWindowTitle(where);

  return (
    <div className="clerk">
      <TopBar where={where} connected={connected} />
      {session &&
        (working ? (
          <Desk tube={desk?.tube ?? null} devices={devices ?? []} settings={settings} onSettings={saveSettings} />
        ) : (
          <SignInScreen session={session} where={t('clerk.title', { desk: deskCode })} deskReadings>
            {session.locked && <KeptTube tube={desk?.tube ?? null} />}
          </SignInScreen>
        ))}
      <StatusBar devices={devices ?? []} backlog={backlog} operator={session?.operator?.name ?? null} desk={deskCode} />
    </div>
  );
}
