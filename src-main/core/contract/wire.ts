// Messages of the browser station's WebSocket: the same contract as Electron's IPC, framed as JSON.
import type { CallResult, ChannelName, Input, Output, PushedEvent } from '.';

/** Window -> station: call a channel. `id` pairs the reply with the call. */
export interface WireCall {
  id: number;
  channel: string;
  input?: unknown;
}

/** Station -> window: the reply to a call, or an event pushed by the core. */
export type WireMessage = { id: number | null; result: CallResult } | { event: PushedEvent };

export const WIRE_PATH = '/ws';
export const WIRE_KEY_PARAM = 'key';

/** What a window's page gets to talk to the core: Electron's preload and the station's WebSocket both provide it. */
export interface SwabDeskBridge {
  call<C extends ChannelName>(channel: C, input: Input<C>): Promise<CallResult<Output<C>>>;
  /** Registers a listener for pushed events; returns the function that removes it. */
  on(listener: (event: PushedEvent) => void): () => void;
  /**
   * The desktop app only: prints this window's page to PDF and asks where to save it; true once saved. The
   * browser station has no such call: its print dialog saves PDFs.
   */
  savePdf?(fileName: string): Promise<boolean>;
}
