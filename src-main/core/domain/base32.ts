// Base32 (RFC 4648's alphabet, no padding): bytes as capital letters and the digits 2–7 only, which a
// keyboard-mode scanner types without Shift-punctuation or lower case for an input method to garble, and which
// a QR code holds in its compact alphanumeric mode. Read in either case (Caps Lock inverts a scanner's letters);
// anything else, unused bits that are not zero included, is not base32: a character changed (but for its case) changes the bytes.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const VALUE = new Map([...ALPHABET, ...ALPHABET.toLowerCase()].map((character, index) => [character, index % 32]));

export function toBase32(bytes: Uint8Array): string {
  let text = '';
  let bits = 0;
  let buffer = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      text += ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  return bits > 0 ? text + ALPHABET[(buffer << (5 - bits)) & 31] : text;
}

/** The bytes, or null for a text that no bytes give. */
export function fromBase32(text: string): Buffer | null {
  const bytes: number[] = [];
  let bits = 0;
  let buffer = 0;
  for (const character of text) {
    const value = VALUE.get(character);
    if (value === undefined) return null;
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((buffer >> bits) & 0xff);
    }
    buffer &= (1 << bits) - 1;
  }
  // What is left over is padding: fewer than 5 bits, all zero, or the text was cut or changed.
  return bits < 5 && buffer === 0 ? Buffer.from(bytes) : null;
}
