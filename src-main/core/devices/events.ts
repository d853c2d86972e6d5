// What the protocol decoders hand up from a port's bytes; the drivers pass the scans on as readings.

/** A finished barcode scan. Symbology is an AIM identifier (']Q1') or a vendor's name for it, when known. */
export interface DecodedScan {
  kind: 'scan';
  symbology: string | null;
  text: string;
}

/** Bytes that could not be a scan; never stored, only counted and logged (without the bytes). */
export interface DecodeNoise {
  kind: 'noise';
  reason: string;
}

export type DecodeResult = DecodedScan | DecodeNoise;
