// The browser station: the core served to browser windows on 127.0.0.1. Pages are public (they hold no data);
// every call and event goes over a WebSocket that opens only with a window's per-launch key, from the
// station's own origin, addressed to the station's own host (so a web page or a DNS-rebinding host cannot call it).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { CallResult, Identity } from '../core/contract';
import { WINDOW_PARAM } from '../core/contract/names';
import { WIRE_KEY_PARAM, WIRE_PATH, type WireCall, type WireMessage } from '../core/contract/wire';
import type { Core } from '../core/core';
import { logError } from '../core/maintenance/log';
import type { StationWindow } from '../core/stationWindows';
import type { SimulatedBus } from '../core/devices/simulated/simulatedBus';
import { identityForKey, issueKeys, keyMatches, newKey, type WindowKey } from './keys';
import { serveSimulation } from './simulation';
import { SECURITY_HEADERS, serveStatic } from './static';

export interface StationOptions {
  core: Core;
  rendererDir: string;
  windows: readonly StationWindow[];
  port?: number;
  /** With --simulate: the simulated devices, driven over /sim. */
  simulation?: SimulatedBus | null;
}

export interface Station {
  port: number;
  /** Each window with the URL that opens it. */
  urls: { window: StationWindow; url: string }[];
  /** With --simulate: the /sim/devices URL with the launch's simulation key. */
  simulationUrl: string | null;
  close(): Promise<void>;
}

const HOST = '127.0.0.1';
const MAX_MESSAGE_BYTES = 64 * 1024;

function reply(socket: WebSocket, message: WireMessage): void {
  socket.send(JSON.stringify(message));
}

function refused(message: string): CallResult {
  return { ok: false, error: { code: 'invalid-input', message } };
}

/** Parses one frame from a window; anything that is not a well-formed call gets a clear refusal. */
function parseCall(data: string): WireCall | { id: number | null; error: string } {
  let message: unknown;
  try {
    message = JSON.parse(data);
  } catch {
    return { id: null, error: 'The message is not JSON.' };
  }
  const call = message as Partial<WireCall> | null;
  const id = typeof call?.id === 'number' && Number.isSafeInteger(call.id) ? call.id : null;
  if (id === null || typeof call?.channel !== 'string') {
    return { id, error: 'A call needs a numeric id and a channel name.' };
  }
  return { id, channel: call.channel, input: call.input };
}

/** The request's URL; null when its target is not one (a raw client can send anything there). */
function requestUrl(request: http.IncomingMessage): URL | null {
  try {
    return new URL(request.url ?? '/', `http://${HOST}`);
  } catch {
    return null;
  }
}

function serveWindow(core: Core, identity: Identity, socket: WebSocket): void {
  const unsubscribe = core.subscribe(identity, (event) => reply(socket, { event }));
  socket.on('close', unsubscribe);
  // A frame the protocol forbids (too large, reserved bits or opcode, bad UTF-8, unmasked): ws has already sent
  // the close frame; without this listener the error would end the whole station.
  socket.on('error', (error) => logError(`Closed a window's connection after a malformed frame: ${error.message}`));
  socket.on('message', (data, isBinary) => {
    if (isBinary) return reply(socket, { id: null, result: refused('Binary messages are not accepted.') });
    const call = parseCall(data.toString());
    if ('error' in call) return reply(socket, { id: call.id, result: refused(call.error) });
    void core.receive(identity, call.channel, call.input).then((result) => reply(socket, { id: call.id, result }));
  });
}

export async function startStation(options: StationOptions): Promise<Station> {
  const keys: WindowKey[] = issueKeys(options.windows);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  wss.on('error', (error) => logError(`The station's WebSocket server failed: ${error.message}`));
  const simulation = options.simulation ?? null;
  const simulationKey = newKey();
  let origins: Set<string> = new Set();
  const server = http.createServer((request, response) => {
    const url = requestUrl(request);
    if (!url) {
      response.writeHead(400, SECURITY_HEADERS).end();
      return;
    }
    if (simulation && url.pathname.startsWith('/sim/')) {
      // Same host check as the socket: a DNS-rebinding page must not reach the devices either.
      const authorised =
        origins.has(`http://${request.headers.host}`) &&
        keyMatches(simulationKey, url.searchParams.get(WIRE_KEY_PARAM) ?? String(request.headers['x-swabdesk-key'] ?? ''));
      serveSimulation(simulation, authorised, request, response).catch((error: unknown) => {
        logError(`A /sim request failed: ${(error as Error).message}`);
        if (response.headersSent) response.destroy();
        else response.writeHead(500, { Connection: 'close' }).end();
      });
      return;
    }
    serveStatic(options.rendererDir, request, response);
  });

  // What Node's HTTP parser refuses (a malformed request line or header, a reset mid-request) ends that
  // connection alone.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    logError(`Dropped a malformed or broken HTTP connection: ${error.code ?? error.message}`);
    if (socket.writable && error.code !== 'ECONNRESET') socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  server.on('upgrade', (request, socket, head) => {
    // Node hands the upgrading socket over with no error listener of its own; ws adds one only once it takes it.
    socket.on('error', (error) => logError(`A window's connection broke: ${error.message}`));
    const url = requestUrl(request);
    const identity = identityForKey(keys, url?.searchParams.get(WIRE_KEY_PARAM) ?? '');
    const sameStation =
      origins.has(`http://${request.headers.host}`) && origins.has(request.headers.origin ?? '');
    if (url?.pathname !== WIRE_PATH || !identity || !sameStation) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => serveWindow(options.core, identity, ws));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => logError(`The station's HTTP server failed: ${error.message}`));
  const port = (server.address() as AddressInfo).port;
  origins = new Set([`http://${HOST}:${port}`, `http://localhost:${port}`]);

  return {
    port,
    urls: keys.map(({ window, key }) => ({
      window,
      url: `http://${HOST}:${port}/${window.entry}/?${WINDOW_PARAM}=${window.id}#${WIRE_KEY_PARAM}=${key}`,
    })),
    simulationUrl: simulation ? `http://${HOST}:${port}/sim/devices?${WIRE_KEY_PARAM}=${simulationKey}` : null,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}
