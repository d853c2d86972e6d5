import { useEffect, useState } from 'react';
import type { Output } from '../../src-main/core/contract';
import { bridge } from './bridge';

const CHECK_EVERY_MS = 30_000;

/** The station's free disk space, read now and every half minute (it changes slowly; nothing to push). */
export function useHealth(): Output<'station.health'> | null {
  const [health, setHealth] = useState<Output<'station.health'> | null>(null);
  useEffect(() => {
    const check = () =>
      void bridge.call('station.health', {}).then((result) => {
        if (result.ok) setHealth(result.value);
      });
    check();
    const timer = setInterval(check, CHECK_EVERY_MS);
    return () => clearInterval(timer);
  }, []);
  return health;
}
