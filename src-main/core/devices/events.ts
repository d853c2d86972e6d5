// What the drivers hand up: protocol decoders turn bytes into these, the device manager adds which device.
import type { Sex } from '../domain/person';

export type { Sex };

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

/** The text of an ID card as the SAM reader returns it. Photo and fingerprint never reach this far. */
export interface CardText {
  cardType: 'resident' | 'hmt-permit' | 'foreign-permanent';
  /** Chinese name (the English name on a foreign permanent resident card when it has no Chinese one). */
  name: string;
  englishName: string | null;
  sex: Sex;
  /** GB 3304 name of the ethnicity, on resident cards only. */
  ethnicity: string | null;
  /** YYYYMMDD */
  birthDate: string;
  address: string | null;
  idNumber: string;
  authority: string | null;
  /** YYYYMMDD */
  validFrom: string;
  /** YYYYMMDD, or null for a card without expiry (长期). */
  validTo: string | null;
  /** Residence permits: the Hong Kong/Macao/Taiwan pass number and how many times the permit was issued. */
  passNumber: string | null;
  issueCount: string | null;
  /** Foreign permanent resident cards: ISO 3166 alpha-3. */
  nationality: string | null;
}
