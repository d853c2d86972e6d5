// What a scanned text is: a tube barcode, a bag label, a person's code, or something to refuse before any parsing.
import { DEFAULT_CODE_FORMATS, parsePersonCode, type CodeFormat } from './codeFormats';
import type { PersonFields } from './person';
import type { STICKER_PROBLEMS, StickerKeyring } from './stickerCode';

export const MAX_SCAN_BYTES = 4096;

export type ScanKind =
  | { kind: 'tube'; barcode: string }
  | { kind: 'bag'; barcode: string }
  | { kind: 'person'; fields: PersonFields }
  | { kind: 'token'; token: string }
  | {
      kind: 'refused';
      problem: 'scan-too-long' | 'scan-control-characters' | 'scan-invalid-text' | 'code-unknown' | (typeof STICKER_PROBLEMS)[number];
    };

// With the u flag a proper surrogate pair is one code point, so only a lone half matches.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
// A scanner's suffix (Enter, Tab) is trimmed before this check, so any control character left is noise.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;

/** Where no person is read (packing), no sticker is opened either: a sealed one reads as of an unknown key. */
const NO_STICKER_KEYS: StickerKeyring = () => undefined;

export function classifyScan(
  raw: string,
  patterns: { tube: RegExp; bag: RegExp },
  formats: readonly CodeFormat[] = DEFAULT_CODE_FORMATS,
  stickerKeys: StickerKeyring = NO_STICKER_KEYS,
): ScanKind {
  if (new TextEncoder().encode(raw).length > MAX_SCAN_BYTES) return { kind: 'refused', problem: 'scan-too-long' };
  const text = raw.trim();
  if (CONTROL.test(text)) return { kind: 'refused', problem: 'scan-control-characters' };
  // A lone surrogate is what invalid UTF-8 becomes on its way into a string: the code was damaged.
  if (LONE_SURROGATE.test(text)) return { kind: 'refused', problem: 'scan-invalid-text' };
  if (patterns.tube.test(text)) return { kind: 'tube', barcode: text };
  if (patterns.bag.test(text)) return { kind: 'bag', barcode: text };
  // An unknown code is refused and its text is not kept anywhere.
  const code = parsePersonCode(text, formats, stickerKeys);
  if (!code) return { kind: 'refused', problem: 'code-unknown' };
  if (code.kind === 'refused') return { kind: 'refused', problem: code.problem };
  return code.kind === 'token' ? { kind: 'token', token: code.token } : { kind: 'person', fields: code.fields };
}
