// Loads one console answer when the page opens it; a session that ended says so to the app, any other refusal is
// kept to be said on the page.
import { useEffect, useState } from 'react';
import type { Answer } from './consoleApi';

export function useConsoleData<T>(load: () => Promise<Answer<T>>, onSignedOut: () => void, key: string): { data: T | null; problem: string | null } {
  const [state, setState] = useState<{ data: T | null; problem: string | null }>({ data: null, problem: null });
  useEffect(() => {
    let current = true;
    void load().then((answer) => {
      if (!current) return;
      if (answer.ok) setState({ data: answer.data, problem: null });
      else if (answer.error === 'signed-out') onSignedOut();
      else setState({ data: null, problem: answer.error });
    });
    return () => {
      current = false;
    };
    // Loaded again only when what it is about changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}
