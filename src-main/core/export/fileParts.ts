// A file made for a window, kept in memory until the window has fetched it in parts: one message of a whole day's
// XLSX (megabytes of base64) would hold the desks' thread for tens of milliseconds while it is serialised, one part
// holds it for a few. Nothing is written to a disk; a file not fetched is forgotten after a while.
import { randomUUID } from 'node:crypto';

/** 1 MiB of base64 a message (a multiple of 3 bytes, so each part decodes alone). */
export const PART_BYTES = 768 * 1024;
/** How long a file waits for its window to fetch it. */
const KEPT_MS = 5 * 60_000;

export function createFileParts(partBytes = PART_BYTES, keptMs = KEPT_MS) {
  const kept = new Map<string, { bytes: Buffer; forget: NodeJS.Timeout }>();

  function forget(id: string): void {
    clearTimeout(kept.get(id)?.forget);
    kept.delete(id);
  }

  return {
    /** Keeps the bytes; answers the id to fetch them by and how many parts they make (at least one). */
    keep(bytes: Buffer): { id: string; parts: number } {
      const id = randomUUID();
      // The timer never keeps a stopping station alive.
      kept.set(id, { bytes, forget: setTimeout(() => kept.delete(id), keptMs).unref() });
      return { id, parts: Math.max(1, Math.ceil(bytes.length / partBytes)) };
    },

    /** One part as base64; the last one fetched lets the file go. Null for a file unknown, forgotten or past its end. */
    part(id: string, index: number): string | null {
      const file = kept.get(id);
      if (!file) return null;
      const parts = Math.max(1, Math.ceil(file.bytes.length / partBytes));
      if (index >= parts) return null;
      if (index === parts - 1) forget(id);
      return file.bytes.subarray(index * partBytes, (index + 1) * partBytes).toString('base64');
    },
  };
}

export type FileParts = ReturnType<typeof createFileParts>;
