// Why the platform could not be reached, as the manager's window words it: each failure of the network by its kind,
// read from what Node's fetch really throws, and the last error kept in the form an older station stored it too.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { post } from '../../../src-main/core/upload/post';
import { heldReason, storedTrouble, troubleOfError } from '../../../src-main/core/upload/trouble';

/** A local port that reads the request and answers it with `reply`, or with nothing (the connection dropped). */
async function listening(reply: string | null): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('data', () => (reply === null ? socket.destroy() : socket.end(reply)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return { port, close };
}

const troubleAt = async (url: string) => {
  const reply = await post(url, '{}', {}, 5000);
  return reply.kind === 'unreachable' ? reply.trouble : reply;
};

describe('a request that got no answer', () => {
  it('is refused, on a port nobody listens on', async () => {
    const server = await listening(null);
    await server.close();
    expect(await troubleAt(`http://127.0.0.1:${server.port}/v1/facts`)).toEqual({ problem: 'connection-refused' });
  });

  it('is dropped, when the other end closes without answering', async () => {
    const server = await listening(null);
    expect(await troubleAt(`http://127.0.0.1:${server.port}/v1/facts`)).toEqual({ problem: 'connection-dropped' });
    await server.close();
  });

  it('never leaves for a port fetch keeps away from', async () => {
    expect(await troubleAt('http://127.0.0.1:6000/v1/facts')).toEqual({ problem: 'bad-port' });
  });

  it('fails its TLS handshake with a server that speaks no TLS, and says the code', async () => {
    const server = await listening('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n');
    expect(await troubleAt(`https://127.0.0.1:${server.port}/v1/facts`)).toMatchObject({ problem: 'tls', detail: expect.stringMatching(/^ERR_SSL_/) });
    await server.close();
  });

  it('names a host that is not found, a network out of reach, a timeout, and anything else by its code', () => {
    const failed = (code: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(`getaddrinfo ${code}`), { code }) });
    expect(troubleOfError(failed('ENOTFOUND'), 30_000)).toEqual({ problem: 'host-not-found' });
    expect(troubleOfError(failed('ENETUNREACH'), 30_000)).toEqual({ problem: 'network-unreachable' });
    expect(troubleOfError(failed('CERT_HAS_EXPIRED'), 30_000)).toEqual({ problem: 'tls', detail: 'CERT_HAS_EXPIRED' });
    expect(troubleOfError(Object.assign(new Error('timed out'), { name: 'TimeoutError' }), 30_000)).toEqual({ problem: 'timeout', seconds: 30 });
    expect(troubleOfError(failed('EADDRNOTAVAIL'), 30_000)).toEqual({ problem: 'other', detail: 'EADDRNOTAVAIL' });
  });
});

describe('the last error as kept', () => {
  it('reads back what it stored, and takes the plain text of an older station as the detail', () => {
    expect(storedTrouble(JSON.stringify({ problem: 'http', status: 401, detail: 'token revoked' }))).toEqual({
      problem: 'http',
      status: 401,
      detail: 'token revoked',
    });
    expect(storedTrouble('connection refused')).toEqual({ problem: 'other', detail: 'connection refused' });
  });

  it("holds a fact with the status and the platform's own words", () => {
    expect(heldReason({ problem: 'http', status: 422, detail: 'docNumber is missing' })).toBe('HTTP 422: docNumber is missing');
    expect(heldReason({ problem: 'http', status: 400 })).toBe('HTTP 400');
  });
});
