// Scanned bytes to text. Codes are UTF-8, but some older scanners send Chinese as GBK, so bytes that are not valid
// UTF-8 are read as GBK. Whatever the encoding, the text must be something a printed code could carry.

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const GBK = new TextDecoder('gbk', { fatal: true });

/** AIM ECI 000026 ("the data is UTF-8"), which scanners may send as the six digits after a backslash. */
const UTF8_ECI = new TextEncoder().encode('\\000026');

// C0 controls, DEL, C1 controls, private-use characters (what GBK makes of its user-defined areas and of byte FF)
// and U+FFFD. A string's lone surrogate turns into U+FFFD when it is encoded, so U+FFFD rules those out as well.
// eslint-disable-next-line no-control-regex
const NOT_IN_A_CODE = /[\u0000-\u001f\u007f-\u009f\ue000-\uf8ff\ufffd]/u;

function decodeWith(decoder: TextDecoder, bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

function startsWithEci(bytes: Uint8Array): boolean {
  return bytes.length >= UTF8_ECI.length && UTF8_ECI.every((byte, i) => bytes[i] === byte);
}

/**
 * The text of a scan, or null when the bytes are no scan: empty, undecodable, or carrying characters that no
 * printed code carries. A leading UTF-8 ECI marker is dropped, and the data after it must then be UTF-8.
 */
export function decodeScanBytes(bytes: Uint8Array): string | null {
  const text = startsWithEci(bytes)
    ? decodeWith(UTF8, bytes.subarray(UTF8_ECI.length))
    : (decodeWith(UTF8, bytes) ?? decodeWith(GBK, bytes));
  return text !== null && text !== '' && !NOT_IN_A_CODE.test(text) ? text : null;
}
