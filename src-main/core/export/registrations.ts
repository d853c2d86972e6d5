// The day's registrations as rows for export: masked unless a full export was asked for (and audited).
import type { Db } from '../db/database';
import { maskIdNumber, maskName, maskPhone } from '../domain/mask';

export const EXPORT_COLUMNS = [
  ['tube', '试管条码'],
  ['position', '管内序号'],
  ['desk', '登记台'],
  ['docType', '证件类型'],
  ['docNumber', '证件号码'],
  ['name', '姓名'],
  ['phone', '电话'],
  ['registeredAt', '登记时间'],
  ['status', '状态'],
] as const;

export type ExportRow = Record<(typeof EXPORT_COLUMNS)[number][0], string | number>;

interface Stored {
  tube: string;
  position: number;
  desk: string;
  docType: string;
  docNumber: string;
  name: string;
  phone: string;
  registeredAt: string;
  status: string;
}

/** Iterates the day's registrations (removed ones are not registrations; voided ones say so). */
export function* exportRows(db: Db, day: string, full: boolean): Generator<ExportRow> {
  const query = db.prepare<[string], Stored>(
    `SELECT t.barcode AS tube, r.position, t.desk, r.doc_type AS docType, r.doc_number AS docNumber, r.name, r.phone,
            r.created_at AS registeredAt, CASE WHEN t.voided_at IS NOT NULL THEN 'voided' ELSE r.status END AS status
     FROM registrations r JOIN tubes t ON t.id = r.tube_id
     WHERE r.day = ? AND r.status <> 'removed'
     ORDER BY r.created_at, t.barcode, r.position`,
  );
  for (const row of query.iterate(day)) {
    yield full
      ? row
      : { ...row, docNumber: maskIdNumber(row.docNumber), name: maskName(row.name), phone: maskPhone(row.phone) };
  }
}
