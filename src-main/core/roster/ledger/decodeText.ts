// The text of a CSV as grid workers save it: UTF-8 (with a byte-order mark or not) from WPS or a newer Excel, or
// GBK from an older Excel "save as CSV" on a Chinese Windows. GB 18030 is the superset of GBK that reads both.
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** The text, or null when the bytes are not text at all (controls other than tab and line breaks, or undecodable). */
export function decodeText(bytes: Uint8Array): string | null {
  const bom = UTF8_BOM.every((byte, i) => bytes[i] === byte);
  const body = bom ? bytes.subarray(UTF8_BOM.length) : bytes;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    text = new TextDecoder('gb18030').decode(body);
  }
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffd]/u.test(text) ? null : text;
}
