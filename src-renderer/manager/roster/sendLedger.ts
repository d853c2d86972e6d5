// A ledger the manager chose, handed to the station in parts (roster.filePart): a station's WebSocket takes
// messages of 64 KiB at most, and a district's ledger is megabytes.
import type { CallResult } from '../../../src-main/core/contract';
import { LEDGER_PART_BYTES } from '../../../src-main/core/domain/roster';
import { bridge } from '../../shared/bridge';


type Failure = Extract<CallResult, { ok: false }>['error'];

function base64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * Sends the file under `fileId`, part after part, telling `onPart` how many of how many are sent. Stops when
 * `stopped` says so (the manager cancelled); answers why a part was refused, or null.
 */
export async function sendLedger(
  file: File,
  fileId: string,
  onPart: (sent: number, parts: number) => void,
  stopped: () => boolean,
): Promise<Failure | null> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const parts = Math.max(1, Math.ceil(bytes.length / LEDGER_PART_BYTES));
  for (let part = 0; part < parts && !stopped(); part++) {
    const result = await bridge.call('roster.filePart', { fileId, part, base64: base64(bytes.subarray(part * LEDGER_PART_BYTES, (part + 1) * LEDGER_PART_BYTES)) });
    if (!result.ok) return result.error;
    onPart(part + 1, parts);
  }
  return null;
}
