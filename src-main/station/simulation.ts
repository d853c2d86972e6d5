// The /sim endpoints of a station launched with --simulate: list the simulated devices, deliver reports (hex,
// one report or frame per line), unplug and plug. Behind the launch's own key, like the windows.
import type http from 'node:http';
import type { SimulatedBus, SimulationError } from '../core/devices/simulated/simulatedBus';
import { logError } from '../core/maintenance/log';

const MAX_BODY_BYTES = 1024 * 1024;
const ROUTE = /^\/sim\/devices(?:\/([a-z0-9-]{1,40})\/(reports|unplug|plug))?$/;

const STATUS_OF: Record<SimulationError, number> = { 'unknown-device': 404, unplugged: 409, 'not-open': 409, 'bad-card': 400 };
const MESSAGE_OF: Record<SimulationError, string> = {
  'unknown-device': 'There is no simulated device with that id.',
  unplugged: 'The device is unplugged: plug it first.',
  'not-open': 'The device is plugged but the station has not opened it yet: try again in a second.',
  'bad-card': 'A card reader takes exactly one line: the card text block, 256 bytes as 512 hex digits.',
};

function send(response: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  response.end(JSON.stringify(body));
}

/** The body; 'too-large' as soon as it passes MAX_BODY_BYTES (the rest is not kept); 'broken' if the request broke. */
function readBody(request: http.IncomingMessage): Promise<{ text: string } | 'too-large' | 'broken'> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const collect = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        request.off('data', collect);
        resolve('too-large');
        return;
      }
      chunks.push(chunk);
    };
    request.on('data', collect);
    request.on('end', () => resolve({ text: Buffer.concat(chunks).toString('utf8') }));
    request.on('error', (error) => {
      logError(`A /sim request broke: ${error.message}`);
      resolve('broken');
    });
  });
}

/** Hex lines to bytes; null when a line is not an even number of hex digits. */
function parseHexLines(text: string): Uint8Array[] | null {
  const lines = text.split(/\r?\n/).map((line) => line.replace(/\s+/g, '')).filter((line) => line !== '');
  if (lines.some((line) => !/^(?:[0-9a-fA-F]{2})+$/.test(line))) return null;
  return lines.map((line) => new Uint8Array(Buffer.from(line, 'hex')));
}

export async function serveSimulation(
  bus: SimulatedBus,
  authorised: boolean,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  if (!authorised) return send(response, 403, { error: 'The simulation key is missing or wrong.' });
  const path = new URL(request.url ?? '/', 'http://station').pathname;
  const route = ROUTE.exec(path);
  if (!route) return send(response, 404, { error: 'No such simulation endpoint.' });
  const [, id, action] = route;
  if (!id) {
    if (request.method !== 'GET') return send(response, 405, { error: 'Use GET for /sim/devices.' });
    return send(response, 200, bus.list());
  }
  if (request.method !== 'POST') return send(response, 405, { error: `Use POST for /sim/devices/{id}/${action}.` });
  let problem: SimulationError | null;
  if (action === 'reports') {
    const body = await readBody(request);
    // Nobody is left to answer.
    if (body === 'broken') return;
    // Answered first, then the connection is closed: the rest of the body is never read.
    if (body === 'too-large') return send(response, 413, { error: 'At most 1 MB of reports per request.' }, { Connection: 'close' });
    const lines = parseHexLines(body.text);
    if (!lines || lines.length === 0) {
      return send(response, 400, { error: 'The body must be hex strings, one report or frame per line.' });
    }
    problem = await bus.deliver(id, lines);
  } else {
    problem = action === 'unplug' ? bus.unplug(id) : bus.plug(id);
  }
  if (problem) return send(response, STATUS_OF[problem], { error: MESSAGE_OF[problem] });
  send(response, 200, { ok: true });
}
