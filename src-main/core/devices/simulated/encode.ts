// Bytes as real devices send them, for the demo and the tests to feed the simulated devices with: HID-POS
// reports in the Honeywell layout, a card's text block, a serial scan with its suffix.

const REPORT_BYTES = 64;
const DATA_PER_REPORT = 56;

/** A code as Honeywell-layout HID-POS reports: report id 2, length, AIM id, data, code id, continuation bit. */
export function hidPosReports(text: string, aim = ']Q1', codeId = 's'): Uint8Array[] {
  const data = new TextEncoder().encode(text);
  const reports: Uint8Array[] = [];
  for (let at = 0; at < data.length || reports.length === 0; at += DATA_PER_REPORT) {
    const part = data.subarray(at, at + DATA_PER_REPORT);
    const report = new Uint8Array(REPORT_BYTES);
    report[0] = 0x02;
    report[1] = part.length;
    report.set(new TextEncoder().encode(aim), 2);
    report.set(part, 5);
    report[61] = codeId.charCodeAt(0);
    report[63] = at + DATA_PER_REPORT < data.length ? 0x01 : 0x00;
    reports.push(report);
  }
  return reports;
}

export interface CardFields {
  name: string;
  /** GB/T 2261.1: 1 male, 2 female. */
  sexCode: '0' | '1' | '2' | '9';
  /** GB 3304, two digits: 01 = 汉. */
  ethnicityCode: string;
  birthDate: string;
  address: string;
  idNumber: string;
  authority: string;
  validFrom: string;
  /** YYYYMMDD, or 长期 for a card without expiry. */
  validTo: string;
}

/** A resident ID card's 256-byte text block: UCS-2 little-endian fields at fixed offsets, space padded. */
export function residentCardText(card: CardFields): Uint8Array {
  const block = new Uint8Array(256);
  for (let i = 0; i < 256; i += 2) block[i] = 0x20;
  const put = (offset: number, bytes: number, text: string) => {
    const encoded = Buffer.from(text, 'utf16le');
    if (encoded.length > bytes) throw new Error(`"${text}" does not fit in ${bytes} bytes`);
    block.set(encoded, offset);
  };
  put(0, 30, card.name);
  put(30, 2, card.sexCode);
  put(32, 4, card.ethnicityCode);
  put(36, 16, card.birthDate);
  put(52, 70, card.address);
  put(122, 36, card.idNumber);
  put(158, 30, card.authority);
  put(188, 16, card.validFrom);
  put(204, 16, card.validTo);
  return block;
}

/** A serial scanner's bytes for one scan: the code, then its suffix. */
export function serialScan(text: string, suffix: 'CR' | 'LF' | 'CRLF' = 'CR'): Uint8Array {
  const end = { CR: '\r', LF: '\n', CRLF: '\r\n' }[suffix];
  return new TextEncoder().encode(text + end);
}

export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').toUpperCase();
