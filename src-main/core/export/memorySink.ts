// A sink that keeps what a writer streams into it: a file a window downloads is never written to a disk in the clear.
import { Writable } from 'node:stream';

export function memorySink() {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  /** The bytes in a buffer of their own, to transfer (a small Buffer may share Node's pool with others). */
  function bytes(): Uint8Array<ArrayBuffer> {
    const all = new Uint8Array(chunks.reduce((size, chunk) => size + chunk.length, 0));
    let at = 0;
    for (const chunk of chunks) {
      all.set(chunk, at);
      at += chunk.length;
    }
    return all;
  }
  return { sink, bytes };
}
