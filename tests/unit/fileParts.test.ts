// A file kept for a window to fetch in parts: every part decodes alone, the parts make the file, the last one lets
// it go, and a file nobody fetches is forgotten.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFileParts } from '../../src-main/core/export/fileParts';

afterEach(() => vi.useRealTimers());

describe('a file fetched in parts', () => {
  it('comes back whole from its parts, each decoding alone, and is gone after the last', () => {
    const parts = createFileParts(6, 60_000);
    const bytes = Buffer.from('0123456789abcdefg');
    const { id, parts: count } = parts.keep(bytes);
    expect(count).toBe(3);
    const pieces = [0, 1, 2].map((index) => parts.part(id, index)!);
    expect(Buffer.concat(pieces.map((piece) => Buffer.from(piece, 'base64')))).toEqual(bytes);
    expect(pieces.every((piece) => !piece.slice(0, -2).includes('='))).toBe(true);
    expect(parts.part(id, 0)).toBeNull();
  });

  it('is one part when empty, nothing past its end, and nothing for an id it never made', () => {
    const parts = createFileParts(6, 60_000);
    const { id, parts: count } = parts.keep(Buffer.alloc(0));
    expect(count).toBe(1);
    expect(parts.part(id, 1)).toBeNull();
    expect(parts.part(id, 0)).toBe('');
    expect(parts.part('00000000-0000-4000-8000-000000000000', 0)).toBeNull();
  });

  it('is forgotten when nobody fetches it in time', () => {
    vi.useFakeTimers();
    const parts = createFileParts(6, 60_000);
    const { id } = parts.keep(Buffer.from('abc'));
    vi.advanceTimersByTime(59_999);
    vi.advanceTimersByTime(1);
    expect(parts.part(id, 0)).toBeNull();
  });
});
