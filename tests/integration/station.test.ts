// The browser station's boundary: who may open the WebSocket, what a malformed frame gets, what is served.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import type { WireMessage } from '../../src-main/core/contract/wire';
import { createCore, type Core } from '../../src-main/core/core';
import { STATION_WINDOWS } from '../../src-main/core/stationWindows';
import { startStation, type Station } from '../../src-main/station/server';
import { CONTENT_SECURITY_POLICY } from '../../src-main/csp';
import { CLERK, signIn } from '../fixtures/driver';

let dataDir: string;
let rendererDir: string;
let core: Core;
let station: Station;

beforeEach(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'swabdesk-station-'));
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'swabdesk-renderer-'));
  fs.mkdirSync(path.join(rendererDir, 'clerk'));
  fs.writeFileSync(path.join(rendererDir, 'clerk', 'index.html'), '<!doctype html><title>clerk</title>');
  fs.writeFileSync(path.join(dataDir, 'secret.txt'), 'not for the web');
  core = createCore({ dataDir });
  station = await startStation({ core, rendererDir, windows: STATION_WINDOWS });
});

afterEach(async () => {
  await station.close();
  core.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(rendererDir, { recursive: true, force: true });
});

function keyOf(windowId: string): string {
  const entry = station.urls.find(({ window }) => window.id === windowId)!;
  return new URL(entry.url).hash.slice('#key='.length);
}

const origin = () => `http://127.0.0.1:${station.port}`;

/** Opens a socket and resolves with it once open, or rejects with the HTTP status of the refusal. */
function connect(key: string, headers: { origin?: string; host?: string } = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${station.port}/ws?key=${encodeURIComponent(key)}`, {
      origin: headers.origin ?? origin(),
      headers: headers.host ? { host: headers.host } : {},
    });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    socket.once('error', reject);
  });
}

/** Collects the messages a socket receives. */
function inbox(socket: WebSocket): WireMessage[] {
  const messages: WireMessage[] = [];
  socket.on('message', (data) => messages.push(JSON.parse(data.toString()) as WireMessage));
  return messages;
}

function rawGetStatus(rawPath: string): Promise<number | undefined> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: station.port, path: rawPath }, (response) => {
        response.resume();
        resolve(response.statusCode);
      })
      .on('error', reject);
  });
}

/** The value once `read` has one: messages arrive on the station's own time, later on a busy machine. */
function until<T>(read: () => T | undefined): Promise<T> {
  return vi.waitFor(
    () => {
      const value = read();
      if (value === undefined) throw new Error('not yet');
      return value;
    },
    { timeout: 15_000, interval: 10 },
  );
}

describe('browser station', () => {
  it('prints one URL per window, on 127.0.0.1, each with its own key', () => {
    expect(station.urls.map(({ url }) => new URL(url).host)).toEqual(STATION_WINDOWS.map(() => `127.0.0.1:${station.port}`));
    const keys = STATION_WINDOWS.map((window) => keyOf(window.id));
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key.length).toBeGreaterThanOrEqual(32);
  });

  it('refuses a socket without a valid key, from another origin, or for another host', async () => {
    await expect(connect('')).rejects.toThrow('HTTP 403');
    await expect(connect('guessed-key-guessed-key-guessed-key')).rejects.toThrow('HTTP 403');
    await expect(connect(keyOf('clerk-1'), { origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(connect(keyOf('clerk-1'), { host: `rebound.example:${station.port}` })).rejects.toThrow('HTTP 403');
    const socket = await connect(keyOf('clerk-1'));
    socket.close();
  });

  it('binds the role to the key: the clerk window cannot call a manager channel', async () => {
    const socket = await connect(keyOf('clerk-1'));
    const messages = inbox(socket);
    socket.send(JSON.stringify({ id: 1, channel: 'site.updateSettings', input: { poolingRatio: 5 } }));
    socket.send(JSON.stringify({ id: 2, channel: 'session.whoami', input: {} }));
    const replies = await until(() => (messages.length >= 2 ? messages : undefined));
    expect(replies).toEqual([
      { id: 1, result: { ok: false, error: { code: 'forbidden', message: expect.stringContaining('clerk') } } },
      { id: 2, result: { ok: true, value: { role: 'clerk', desk: '1' } } },
    ]);
    socket.close();
  });

  it('answers malformed frames with a clear refusal and keeps the socket open', async () => {
    const socket = await connect(keyOf('clerk-1'));
    const messages = inbox(socket);
    socket.send('not json');
    socket.send(JSON.stringify({ channel: 'clerk.scan' }));
    socket.send(JSON.stringify({ id: 7, channel: 'clerk.scan', input: { text: 42 } }));
    socket.send(JSON.stringify({ id: 8, channel: 'no.such.channel' }));
    const replies = await until(() => (messages.length >= 4 ? messages : undefined));
    expect(replies.map((m) => ('result' in m && !m.result.ok ? [m.id, m.result.error.code] : m))).toEqual([
      [null, 'invalid-input'],
      [null, 'invalid-input'],
      [7, 'invalid-input'],
      [8, 'unknown-channel'],
    ]);
    expect(socket.readyState).toBe(WebSocket.OPEN);
    socket.close();
  });

  it("pushes a desk's change to its clerk and the totals to the manager", async () => {
    signIn(core, [CLERK]);
    const clerk = await connect(keyOf('clerk-1'));
    const manager = await connect(keyOf('manager'));
    const managerInbox = inbox(manager);
    const clerkInbox = inbox(clerk);
    clerk.send(JSON.stringify({ id: 1, channel: 'clerk.scan', input: { text: '2026112200001' } }));
    const totals = await until(() => managerInbox.find((m) => 'event' in m && m.event.event === 'totals.changed'));
    expect(totals).toMatchObject({ event: { payload: { openTubes: 1 } } });
    const desk = await until(() => clerkInbox.find((m) => 'event' in m && m.event.event === 'desk.changed'));
    expect(desk).toMatchObject({ event: { payload: { desk: '1', tube: { barcode: '2026112200001' } } } });
    expect(managerInbox.some((m) => 'event' in m && m.event.event === 'desk.changed')).toBe(false);
    clerk.close();
    manager.close();
  });

  it('serves the renderer with the CSP and nothing outside its folder', async () => {
    const page = await fetch(`${origin()}/clerk/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toBe(`${CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`);
    expect(await page.text()).toContain('<title>clerk</title>');
    // Sent as raw paths: fetch would normalise the dots away before they reached the station.
    const secret = `${path.basename(dataDir)}/secret.txt`;
    for (const escape of [`/../${secret}`, `/%2e%2e/${secret}`, `/clerk/..%2f..%2f${secret}`]) {
      expect(await rawGetStatus(escape)).toBe(404);
    }
    expect((await fetch(`${origin()}/clerk/`, { method: 'POST' })).status).toBe(405);
  });
});
