// The data·inclusion CSV form (docs/donnees-ouvertes.md): RFC 4180 with a comma, UTF-8 with BOM,
// CRLF, the schema's field names as header; a list is its codes joined by `|`, null an empty
// cell, numbers with a dot. Not the `;` writer of the département's spreadsheets (common/csv):
// this file is read by machines (data·inclusion, the import), so no value is altered (no
// apostrophe before a formula-like text either).
export const CSV_BOM = '\uFEFF';
export const LIST_SEPARATOR = '|';

type Cell = string | number | boolean | string[] | null | undefined;

export function diCsvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return diCsvCell(value.join(LIST_SEPARATOR));
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line (with its CRLF) of a record, cells in the header's order. */
export function diCsvLine<R extends object>(fields: readonly string[], record: R): string {
  const r = record as Record<string, Cell>;
  return `${fields.map((f) => diCsvCell(r[f])).join(',')}\r\n`;
}

export const diCsvHeader = (fields: readonly string[]): string => `${CSV_BOM}${fields.join(',')}\r\n`;
