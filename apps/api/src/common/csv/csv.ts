// The one CSV writer of the API's exports, for spreadsheets used in French administrations: `;`
// separator (the comma is the decimal mark in Excel's French locale), a UTF-8 byte order mark so
// Excel reads accents, CRLF line ends, RFC 4180 quoting, booleans as `oui`/`non`. Small enough
// to keep by hand (no CSV library is a dependency): every rule is pinned by csv.spec.ts.

export type CsvValue = string | number | boolean | null | undefined;

const NEEDS_QUOTES = /[";\r\n]/;
/** Text a spreadsheet would run as a formula (CSV injection): prefixed with an apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: string[], rows: CsvValue[][]): string {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
