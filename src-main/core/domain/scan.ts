// What a scanned text is: a tube barcode, a person's code, or something to refuse before any parsing.

export const MAX_SCAN_BYTES = 4096;

export type ScanKind =
  | { kind: 'tube'; barcode: string }
  | { kind: 'bag'; barcode: string }
  | { kind: 'person'; fields: { name: string; idNumber: string; phone: string } }
  | { kind: 'refused'; problem: 'scan-too-long' | 'scan-control-characters' | 'code-unknown' };

// A scanner's suffix (Enter, Tab) is trimmed before this check, so any control character left is noise.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/** The plain-text personal code `{name}|{idNumber}|{phone}`; other formats arrive with the code-format settings. */
function parsePlainPersonCode(text: string): ScanKind | undefined {
  const parts = text.split('|');
  if (parts.length !== 3) return undefined;
  const [name, idNumber, phone] = parts;
  return { kind: 'person', fields: { name, idNumber, phone } };
}

export function classifyScan(raw: string, patterns: { tube: RegExp; bag: RegExp }): ScanKind {
  if (new TextEncoder().encode(raw).length > MAX_SCAN_BYTES) return { kind: 'refused', problem: 'scan-too-long' };
  const text = raw.trim();
  if (CONTROL.test(text)) return { kind: 'refused', problem: 'scan-control-characters' };
  if (patterns.tube.test(text)) return { kind: 'tube', barcode: text };
  if (patterns.bag.test(text)) return { kind: 'bag', barcode: text };
  return parsePlainPersonCode(text) ?? { kind: 'refused', problem: 'code-unknown' };
}
