// Which column each field is read from: the manager's mapping as given, or else each field's first column whose
// header names it.
import { ROSTER_FIELDS, type ColumnMapping, type RosterField } from '../rosterPerson';
import type { LedgerColumn } from '../ledgerFile';
import { fieldOfHeader } from './columnNames';

export function automaticMapping(headers: readonly string[]): ColumnMapping {
  const mapping: ColumnMapping = {};
  headers.forEach((header, index) => {
    const field = fieldOfHeader(header);
    if (field && mapping[field] === undefined) mapping[field] = index;
  });
  return mapping;
}

/** Each column of the sheet with the field read from it (the first, should the manager map two to one column). */
export function mappedColumns(headers: readonly string[], mapping: ColumnMapping): LedgerColumn[] {
  return headers.map((header, index) => ({
    index,
    header,
    field: ROSTER_FIELDS.find((field: RosterField) => mapping[field] === index) ?? null,
  }));
}
