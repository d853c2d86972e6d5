// This desk's session as the core keeps it: who is signed in, and whether the desk is locked. The core locks an
// idle desk when next asked; the page asks again just after the moment the lock is due, so it shows the lock
// screen on time even when nobody touches the desk.
import { useEffect } from 'react';
import { useLiveValue } from '../useBridge';

export function useSession() {
  const { value: session, connected, reload } = useLiveValue('session.state', 'session.changed');
  const locksIn = session?.locksInSeconds ?? null;

  useEffect(() => {
    if (locksIn === null) return;
    const timer = setTimeout(reload, (locksIn + 1) * 1000);
    return () => clearTimeout(timer);
  }, [locksIn, session, reload]);

  return { session, connected, reload };
}
