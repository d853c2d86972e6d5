// A file the core made for this window (the day's export, a roster's refused rows or not-yet list) is kept by the
// core until the window fetches it part after part (site.exportPart): one message of a whole file would hold the
// desks' thread while it is serialised.
import type { Output } from '../../../src-main/core/contract';
import { bridge } from '../../shared/bridge';
import { fromBase64, saveBytes } from '../../shared/download';

/** The file the core made, fetched part after part; null when a part did not come. */
export async function fetchParts(id: string, parts: number): Promise<Uint8Array<ArrayBuffer>[] | null> {
  const fetched: Uint8Array<ArrayBuffer>[] = [];
  for (let part = 0; part < parts; part++) {
    const result = await bridge.call('site.exportPart', { id, part });
    if (!result.ok || result.value === null) return null;
    fetched.push(fromBase64(result.value.base64));
  }
  return fetched;
}

/** Fetches a made file and saves it as the browser saves a download; false when it did not all come. */
export async function saveMadeFile(made: Output<'site.exportDay'>): Promise<boolean> {
  const parts = await fetchParts(made.id, made.parts);
  if (parts !== null) saveBytes(made.fileName, made.mime, parts);
  return parts !== null;
}
