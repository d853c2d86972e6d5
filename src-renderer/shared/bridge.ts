// The page's way to the core: Electron's preload bridge when the page runs in the desktop app, else a
// WebSocket to the browser station, authenticated by the key in the page's URL fragment.
import type { CallResult, PushedEvent } from '../../src-main/core/contract';
import { WIRE_KEY_PARAM, WIRE_PATH, type SwabDeskBridge, type WireMessage } from '../../src-main/core/contract/wire';

declare global {
  interface Window {
    swabdesk?: SwabDeskBridge;
  }
}

export interface PageBridge extends SwabDeskBridge {
  /** Tells when the page loses or regains the core (always connected in the desktop app). */
  onConnection(listener: (connected: boolean) => void): () => void;
}

const RECONNECT_MS = 1000;
const CONNECT_WAIT_MS = 5000;

function unreachable(): CallResult<never> {
  return { ok: false, error: { code: 'unreachable', message: 'The station cannot be reached.' } };
}

function stationBridge(): PageBridge {
  const key = new URLSearchParams(location.hash.slice(1)).get(WIRE_KEY_PARAM) ?? '';
  const pending = new Map<number, (result: CallResult) => void>();
  const listeners = new Set<(event: PushedEvent) => void>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let nextId = 1;
  let socket: WebSocket;
  let opened: Promise<boolean>;

  function connect(): void {
    socket = new WebSocket(`ws://${location.host}${WIRE_PATH}?${WIRE_KEY_PARAM}=${encodeURIComponent(key)}`);
    opened = new Promise((resolve) => {
      socket.addEventListener('open', () => resolve(true));
      socket.addEventListener('close', () => resolve(false));
    });
    socket.addEventListener('open', () => connectionListeners.forEach((listener) => listener(true)));
    socket.addEventListener('message', (message) => {
      const data = JSON.parse(String(message.data)) as WireMessage;
      if ('event' in data) listeners.forEach((listener) => listener(data.event));
      else if (data.id !== null) {
        pending.get(data.id)?.(data.result);
        pending.delete(data.id);
      }
    });
    socket.addEventListener('close', () => {
      // A call in flight when the link drops may or may not have been saved; the page re-reads state on reconnect.
      pending.forEach((resolve) => resolve(unreachable()));
      pending.clear();
      connectionListeners.forEach((listener) => listener(false));
      setTimeout(connect, RECONNECT_MS);
    });
  }
  connect();

  async function call(channel: string, input: unknown): Promise<CallResult> {
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), CONNECT_WAIT_MS));
    if (socket.readyState !== WebSocket.OPEN && !(await Promise.race([opened, timeout]))) return unreachable();
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      socket.send(JSON.stringify({ id, channel, input }));
    });
  }

  return {
    call: call as SwabDeskBridge['call'],
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
}

function desktopBridge(preload: SwabDeskBridge): PageBridge {
  return { call: preload.call, on: preload.on, savePdf: preload.savePdf, onConnection: () => () => undefined };
}

export const bridge: PageBridge = window.swabdesk ? desktopBridge(window.swabdesk) : stationBridge();
