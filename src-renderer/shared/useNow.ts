import { useEffect, useState } from 'react';

/** The time now, refreshed every `everyMs`, for ages and durations on screen ("opened 4 min ago"). */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
