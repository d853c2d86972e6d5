// React glue for the bridge: pushed events and the connection state.
import { useEffect, useState } from 'react';
import type { EventName, EventPayload } from '../../src-main/core/contract';
import { bridge } from './bridge';

/** Calls `handler` with each pushed event of this name. */
export function usePushed<E extends EventName>(name: E, handler: (payload: EventPayload<E>) => void): void {
  useEffect(
    () =>
      bridge.on((event) => {
        if (event.event === name) handler(event.payload as EventPayload<E>);
      }),
    [name, handler],
  );
}

/** Whether the page can reach the core; `onReconnect` runs each time the link comes back. */
export function useConnection(onReconnect: () => void): boolean {
  const [connected, setConnected] = useState(true);
  useEffect(
    () =>
      bridge.onConnection((now) => {
        setConnected(now);
        if (now) onReconnect();
      }),
    [onReconnect],
  );
  return connected;
}
