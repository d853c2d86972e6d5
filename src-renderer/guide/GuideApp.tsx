// The pre-registration window, for the guide along the queue: nothing until a clerk account signs in; then a
// person's details become a sticker whose QR code registers them with one scan at any desk.
import { useTranslation } from 'react-i18next';
import { SignInScreen } from '../shared/session/SignInScreen';
import { useSession } from '../shared/session/useSession';
import { TopBar } from '../shared/TopBar';
import { useWindowTitle } from '../shared/useWindowTitle';
import { StickerDesk } from './StickerDesk';

export function GuideApp() {
  const { t } = useTranslation();
  const { session, connected } = useSession();
  const working = session?.operator && !session.locked;
  useWindowTitle(t('windows.guide'));
  return (
    <div className="guide">
      <TopBar where={t('guide.title')} connected={connected} />
      {session && (working ? <StickerDesk /> : <SignInScreen session={session} where={t('guide.title')} />)}
    </div>
  );
}
