// HID-POS scanners (usage page 0x8C): each input report carries a length, the data and, for a code longer than
// one report, a "more follows" bit. Vendors differ only in where those sit, which LAYOUTS records; the parser is
// one. Checks are strict because a report that only looks like a scan must never become one.
import type { DecodeResult } from '../events';
import { decodeScanBytes } from './decodeText';

export type HidPosLayout = 'honeywell' | 'newland' | 'microscan';

interface ReportLayout {
  reportId: number;
  /** Bytes in a report, the report id included (node-hid hands the id over for numbered reports). */
  size: number;
  /** Whether an AIM identifier (`]` + two characters) follows the length byte. */
  aim: boolean;
  /** Where the data starts and where its field ends (exclusive); NUL padding fills the field after the data. */
  dataAt: number;
  dataEnd: number;
  /** The vendor's symbology byte and the names of the values a vendor document confirms. */
  vendorSymbology: { at: number; names: Readonly<Record<number, string>> } | null;
  /** The byte whose bit 0 says that more reports follow; null where a code always fits one report. */
  continuationAt: number | null;
}

const LAYOUTS: Record<HidPosLayout, ReportLayout> = {
  // Byte 61 holds Honeywell's code id, but the AIM identifier already names the symbology; byte 62 is reserved.
  honeywell: { reportId: 0x02, size: 64, aim: true, dataAt: 5, dataEnd: 61, vendorSymbology: null, continuationAt: 63 },
  // Bytes 58..61 are reserved. No document at hand gives the values of the symbology byte: names go here when one
  // does, until then the symbology is unknown (null).
  newland: { reportId: 0x02, size: 64, aim: false, dataAt: 2, dataEnd: 58, vendorSymbology: { at: 62, names: {} }, continuationAt: 63 },
  microscan: { reportId: 0x01, size: 64, aim: false, dataAt: 2, dataEnd: 64, vendorSymbology: null, continuationAt: null },
};

const AIM_ID = /^\][A-Za-z][0-9A-Za-z]$/;
const AIM_START = 0x5d; // ']'
/** No personal code or tube label comes near this; a code that does is a stuck or foreign device. */
const MAX_CODE_BYTES = 4096;

interface ReportContent {
  data: Uint8Array;
  symbology: string | null;
  more: boolean;
}

/** The report's content, or why it is not a report of this layout. */
function readReport(layout: ReportLayout, report: Uint8Array): ReportContent | string {
  if (report.length !== layout.size) return 'report size';
  if (report[0] !== layout.reportId) return 'report id';
  let dataAt = layout.dataAt;
  let symbology: string | null = null;
  if (layout.aim) {
    // Some devices put one extra byte after the length, which moves the AIM identifier and the data by one.
    const aimAt = report[2] === AIM_START ? 2 : report[3] === AIM_START ? 3 : -1;
    if (aimAt < 0) return 'AIM id';
    symbology = String.fromCharCode(...report.subarray(aimAt, aimAt + 3));
    if (!AIM_ID.test(symbology)) return 'AIM id';
    dataAt += aimAt - 2;
  } else if (layout.vendorSymbology) {
    symbology = layout.vendorSymbology.names[report[layout.vendorSymbology.at]] ?? null;
  }
  const length = report[1];
  if (length < 1 || length > layout.dataEnd - dataAt) return 'length';
  if (report.subarray(dataAt + length, layout.dataEnd).some((byte) => byte !== 0)) return 'padding';
  const more = layout.continuationAt !== null && (report[layout.continuationAt] & 0x01) === 0x01;
  return { data: report.subarray(dataAt, dataAt + length), symbology, more };
}

export interface HidPosDecoder {
  push(report: Uint8Array): DecodeResult[];
  /** Drops a code whose reports were cut short (the device was unplugged). */
  reset(): void;
}

export function createHidPosDecoder(layoutName: HidPosLayout): HidPosDecoder {
  const layout = LAYOUTS[layoutName];
  let code: { symbology: string | null; parts: Uint8Array[]; bytes: number } | null = null;
  // After a code is dropped midway, its remaining reports are skipped up to the one that ends it: on their own
  // they would make a shorter code that was never printed.
  let skippingRest = false;

  /** Drops the code being joined; `skipRest` when more of its reports may still come. */
  function drop(reason: string, skipRest: boolean): DecodeResult[] {
    code = null;
    skippingRest = skipRest;
    return [{ kind: 'noise', reason }];
  }

  return {
    push(report) {
      const content = readReport(layout, report);
      // A bad report's own continuation bit cannot be trusted: skip on if it broke into a code.
      if (typeof content === 'string') return drop(content, skippingRest || code !== null);
      if (skippingRest) {
        skippingRest = content.more;
        return [];
      }
      code ??= { symbology: content.symbology, parts: [], bytes: 0 };
      // Every report of a code carries its AIM identifier: a different one means reports of two codes got mixed.
      if (layout.aim && content.symbology !== code.symbology) return drop('symbology changed midway', content.more);
      code.parts.push(content.data.slice());
      code.bytes += content.data.length;
      if (code.bytes > MAX_CODE_BYTES) return drop('too long', content.more);
      if (content.more) return [];

      const { symbology, parts } = code;
      code = null;
      const text = decodeScanBytes(Buffer.concat(parts));
      return [text === null ? { kind: 'noise', reason: 'not scan text' } : { kind: 'scan', symbology, text }];
    },

    reset() {
      code = null;
      skippingRest = false;
    },
  };
}
