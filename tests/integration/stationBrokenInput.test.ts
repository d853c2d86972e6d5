// Broken input ends its own connection, never the station: each kind of malformed WebSocket frame (written by
// hand over a raw TCP socket, since the ws client refuses to make most of them), a request target that is not a
// URL, and a /sim body over its limit, sent to the real station process (out/main/station.js), which must still be
// running, and still answer another desk's window, afterwards.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { WIRE_KEY_PARAM, WIRE_PATH, type WireMessage } from '../../src-main/core/contract/wire';
import { passphraseEnv } from '../fixtures/passphrase';
import { statusLineOf, upgradeRequest } from '../fixtures/rawHttp';
import { tempDir } from '../fixtures/tempCore';

const STATION = path.resolve(__dirname, '../../out/main/station.js');
const MAX_MESSAGE_BYTES = 64 * 1024;
const MAX_SIM_BODY_BYTES = 1024 * 1024;

interface RunningStation {
  child: ChildProcess;
  port: number;
  /** The key of each clerk window: desk 1's, then desk 2's. */
  clerkKeys: string[];
  simulationUrl: string;
  stderr: () => string;
}

let dataDir: string;
let station: RunningStation;

/** Starts the station with two desks and simulated devices; resolves once it has printed every URL. */
function startStation(): Promise<RunningStation> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [STATION, '--data-dir', dataDir, '--port', '0', '--desks', '2', '--simulate'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: passphraseEnv(),
    });
    let out = '';
    let err = '';
    child.stderr.on('data', (chunk) => (err += chunk));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      if (!out.includes('Ctrl+C stops the station')) return;
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(out)?.[1]);
      // The windows are printed in order: the clerks' desk by desk, then the others.
      const clerkKeys = [...out.matchAll(/\/clerk\/\?window=clerk-\d#key=(\S+)/g)].map(([, key]) => key);
      const simulationUrl = /http:\S+\/sim\/devices\?key=\S+/.exec(out)?.[0] ?? '';
      resolve({ child, port, clerkKeys, simulationUrl, stderr: () => err });
    });
    child.once('exit', (code, signal) => reject(new Error(`the station stopped before it was up (${code ?? signal}):\n${err}`)));
  });
}

beforeEach(async () => {
  dataDir = tempDir('swabdesk-frames-');
  station = await startStation();
}, 30_000);

afterEach(async () => {
  const { child } = station;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** A window's socket opened by hand: the upgrade request a browser on the station's own page would send. */
function rawSocket(key: string): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(station.port, '127.0.0.1');
    socket.write(upgradeRequest(`127.0.0.1:${station.port}`, `${WIRE_PATH}?${WIRE_KEY_PARAM}=${encodeURIComponent(key)}`));
    let head = '';
    const onData = (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (!head.includes('\r\n\r\n')) return;
      socket.off('data', onData);
      if (head.startsWith('HTTP/1.1 101')) resolve(socket);
      else reject(new Error(`the upgrade was refused: ${head.split('\r\n')[0]}`));
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

/** The payload length as a frame header gives it: 7 bits, or 126 and 16 bits, or 127 and 64 bits. */
function lengthField(length: number): Buffer {
  if (length < 126) return Buffer.from([length]);
  if (length < 65536) return Buffer.from([126, length >> 8, length & 0xff]);
  const field = Buffer.alloc(9);
  field[0] = 127;
  field.writeBigUInt64BE(BigInt(length), 1);
  return field;
}

/** One frame as a client writes it: `first` is the FIN/RSV/opcode byte; masked unless said otherwise. */
function frame(first: number, payload: Buffer, masked = true): Buffer {
  const length = lengthField(payload.length);
  if (!masked) return Buffer.concat([Buffer.from([first]), length, payload]);
  length[0] |= 0x80;
  const mask = randomBytes(4);
  return Buffer.concat([Buffer.from([first]), length, mask, payload.map((byte, i) => byte ^ mask[i % 4])]);
}

/** The status code of the close frame the station sends back, or null if the connection ended without one. */
function closeCode(socket: net.Socket): Promise<number | null> {
  return new Promise((resolve) => {
    let bytes = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      bytes = Buffer.concat([bytes, chunk]);
      // A close frame from the server: opcode 8, unmasked, a payload under 126 bytes that starts with the code.
      if (bytes.length >= 4 && (bytes[0] & 0x0f) === 0x8) resolve(bytes.readUInt16BE(2));
    });
    socket.once('close', () => resolve(null));
    socket.on('error', () => resolve(null));
  });
}

/** A window of the station's own, opened with the ws client as the pages do. */
function windowSocket(key: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${station.port}${WIRE_PATH}?${WIRE_KEY_PARAM}=${encodeURIComponent(key)}`, {
      origin: `http://127.0.0.1:${station.port}`,
    });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Calls a channel over a window's socket; rejects if the socket closes first. */
function call(socket: WebSocket, id: number, channel: string): Promise<WireMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as WireMessage;
      if ('id' in message && message.id === id) {
        socket.off('message', onMessage);
        resolve(message);
      }
    };
    socket.on('message', onMessage);
    socket.once('close', () => reject(new Error('the window lost its connection to the station')));
    socket.send(JSON.stringify({ id, channel, input: {} }));
  });
}

/** Each broken frame, the close code the station answers it with (RFC 6455, 7.4.1), and what its log says. */
const BROKEN_FRAMES = [
  {
    name: 'a text message over the 64 KB limit',
    bytes: () => frame(0x81, Buffer.alloc(MAX_MESSAGE_BYTES + 1, 0x20)),
    code: 1009,
    logged: /max payload size exceeded/i,
  },
  { name: 'a frame with RSV1 set', bytes: () => frame(0xc1, Buffer.from('{}')), code: 1002, logged: /RSV1 must be clear/i },
  {
    name: 'invalid UTF-8 in a text frame',
    bytes: () => frame(0x81, Buffer.from([0x7b, 0xc3, 0x28, 0x7d])),
    code: 1007,
    logged: /invalid UTF-8 sequence/i,
  },
  { name: 'an unmasked client frame', bytes: () => frame(0x81, Buffer.from('{}'), false), code: 1002, logged: /MASK must be set/i },
  { name: 'opcode 3', bytes: () => frame(0x83, Buffer.from('{}')), code: 1002, logged: /invalid opcode 3/i },
];

it.each(BROKEN_FRAMES)('$name closes that connection alone; the station stays up and answers another desk', async (broken) => {
  const otherDesk = await windowSocket(station.clerkKeys[1]);
  expect(await call(otherDesk, 1, 'session.state')).toMatchObject({ id: 1, result: { ok: true } });

  const socket = await rawSocket(station.clerkKeys[0]);
  const closed = closeCode(socket);
  socket.write(broken.bytes());
  expect(await closed).toBe(broken.code);
  socket.destroy();

  // Still the same process, still serving: the window that was open, and a window opened now.
  expect(await call(otherDesk, 2, 'session.state')).toMatchObject({ id: 2, result: { ok: true } });
  const reopened = await windowSocket(station.clerkKeys[1]);
  expect(await call(reopened, 3, 'session.state')).toMatchObject({ id: 3, result: { ok: true } });
  expect(station.child.exitCode).toBeNull();
  expect(station.child.signalCode).toBeNull();
  await vi.waitFor(() => expect(station.stderr()).toMatch(broken.logged), { timeout: 15_000 });
  otherDesk.close();
  reopened.close();
});

/** Whether the station is still the same running process and still answers another desk's window. */
async function stillServing(): Promise<void> {
  const window = await windowSocket(station.clerkKeys[1]);
  expect(await call(window, 1, 'session.state')).toMatchObject({ id: 1, result: { ok: true } });
  window.close();
  expect(station.child.exitCode).toBeNull();
  expect(station.child.signalCode).toBeNull();
}


it('answers a request or an upgrade whose target is not a URL, and stays up', async () => {
  const host = `127.0.0.1:${station.port}`;
  expect(await statusLineOf(station.port, `GET http://[ HTTP/1.1\r\nHost: ${host}\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400/);
  expect(await statusLineOf(station.port, upgradeRequest(host, 'http://['))).toMatch(/^HTTP\/1\.1 403/);
  await stillServing();
});

it('answers a /sim body over 1 MB with 413 and its reason before closing the connection', async () => {
  const url = new URL(station.simulationUrl);
  url.pathname = '/sim/devices/scanner-1/reports';
  const response = await fetch(url, { method: 'POST', body: '00'.repeat(MAX_SIM_BODY_BYTES / 2 + 1) });
  expect(response.status).toBe(413);
  expect(await response.json()).toEqual({ error: expect.stringContaining('1 MB') });
  expect(response.headers.get('connection')).toBe('close');
  await stillServing();
});
