// React glue for the bridge: a value read from the core and kept fresh by its pushed event.
import { useCallback, useEffect, useState } from 'react';
import type { ChannelName, EventName, EventPayload, Input } from '../../src-main/core/contract';
import { bridge } from './bridge';

/** Every channel the contract declares with the empty object as its input. */
type NoInputChannel = { [C in ChannelName]: Input<C> extends Record<string, never> ? C : never }[ChannelName];

/**
 * The value of a channel that takes no input, read when the page opens and again each time the link to the core
 * comes back, and replaced by every pushed event of the given name. Also says whether the core is reachable,
 * and lets the page read it again when it knows the value has moved on.
 */
export function useLiveValue<E extends EventName>(channel: NoInputChannel, event: E) {
  const [value, setValue] = useState<EventPayload<E> | null>(null);
  const [connected, setConnected] = useState(true);

  const reload = useCallback(() => {
    void bridge.call(channel, {}).then((result) => {
      if (result.ok) setValue(result.value as EventPayload<E>);
    });
  }, [channel]);

  useEffect(reload, [reload]);
  useEffect(
    () =>
      bridge.on((pushed) => {
        if (pushed.event === event) setValue(pushed.payload as EventPayload<E>);
      }),
    [event],
  );
  useEffect(
    () =>
      bridge.onConnection((now) => {
        setConnected(now);
        if (now) reload();
      }),
    [reload],
  );
  return { value, connected, reload };
}

/** Calls `onPushed` each time the core pushes the named event: for a page that reads something the event moves. */
export function usePushed(event: EventName, onPushed: () => void) {
  useEffect(
    () =>
      bridge.on((pushed) => {
        if (pushed.event === event) onPushed();
      }),
    [event, onPushed],
  );
}
