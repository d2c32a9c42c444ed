// Reads a partner's spreadsheet into rows of strings, whatever it was saved as: XLSX (known by its
// content, not its name; first sheet) or CSV in UTF-8 (with or without BOM) or Windows-1252 (when
// the bytes are not valid UTF-8), `;` or `,` separated (whichever the header uses). Anything else
// is refused with a French message (400), a file over the line limit with a 413.
import { BadRequestException, PayloadTooLargeException } from '@nestjs/common';
import { IMPORT_LIMITS } from '@catalogue/contracts';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { fileTypeFromBuffer } from 'file-type';

export interface SheetRows {
  format: 'csv' | 'xlsx';
  encoding: 'utf-8' | 'windows-1252' | null;
  separator: ';' | ',' | null;
  /** Row 0 is the header (the file's line 1); empty rows at the end are dropped. */
  rows: string[][];
}

const refuse = (message: string) => new BadRequestException({ code: 'invalid_file', message, parameter: 'file' });

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

export async function readSpreadsheet(bytes: Buffer): Promise<SheetRows> {
  if (bytes.length === 0) throw refuse('Le fichier est vide');
  const sheet = bytes.subarray(0, 4).equals(ZIP) ? await readXlsx(bytes) : await readCsv(bytes);
  while (sheet.rows.length && sheet.rows.at(-1)!.every((c) => c.trim() === '')) sheet.rows.pop();
  if (sheet.rows.length === 0) throw refuse('Le fichier est vide');
  if (sheet.rows.length === 1) throw refuse('Le fichier n’a que sa ligne d’en-tête : aucune offre à importer');
  const lines = sheet.rows.length - 1;
  if (lines > IMPORT_LIMITS.spreadsheetLines)
    throw new PayloadTooLargeException({
      code: 'too_many_lines',
      message: `${lines.toLocaleString('fr-FR')} lignes de données : ${IMPORT_LIMITS.spreadsheetLines.toLocaleString('fr-FR')} au plus par import, découpez le fichier`,
      parameter: 'file',
    });
  return sheet;
}

async function readXlsx(bytes: Buffer): Promise<SheetRows> {
  const type = await fileTypeFromBuffer(bytes);
  if (type?.ext !== 'xlsx')
    throw refuse(
      `Ce fichier est une archive ${type ? `« ${type.ext.toUpperCase()} »` : 'ZIP'}, pas un classeur XLSX : enregistrez le tableau au format XLSX ou CSV`,
    );
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw refuse('Classeur XLSX illisible : enregistrez-le de nouveau, ou au format CSV');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw refuse('Le classeur n’a aucune feuille');
  const rows: string[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellText(row.getCell(c)));
    rows.push(cells);
  }
  return { format: 'xlsx', encoding: null, separator: null, rows };
}

function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return cell.text ?? '';
}

async function readCsv(bytes: Buffer): Promise<SheetRows> {
  const type = await fileTypeFromBuffer(bytes);
  if (type)
    throw refuse(`Ce fichier est un « ${type.ext.toUpperCase()} », pas un tableau : envoyez un fichier CSV ou XLSX`);
  if (bytes.includes(0)) throw refuse('Le fichier contient des octets nuls : ce n’est pas un fichier CSV (texte)');
  let text: string;
  let encoding: SheetRows['encoding'] = 'utf-8';
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: a spreadsheet saved « CSV (séparateur : point-virgule) » on Windows.
    encoding = 'windows-1252';
    text = decodeWindows1252(bytes);
  }
  const separator = separatorOf(text);
  let rows: string[][];
  try {
    rows = parse(text, { delimiter: separator, relax_column_count: true, bom: true, skip_empty_lines: false });
  } catch (e) {
    const line = (e as { lines?: number }).lines;
    throw refuse(
      `CSV illisible${line ? ` vers la ligne ${line}` : ''} : vérifiez les guillemets (un guillemet ouvert n’est pas fermé)`,
    );
  }
  return { format: 'csv', encoding, separator, rows };
}

/** The separator the header line uses most (outside quotes): `;` (French Excel) or `,`. */
function separatorOf(text: string): ';' | ',' {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ';') semicolons++;
    else if (!quoted && ch === ',') commas++;
  }
  return commas > semicolons ? ',' : ';';
}

/**
 * Windows-1252 as the WHATWG encoding standard defines it: Latin-1, except 0x80–0x9F (€, ’, œ, …).
 * Node's TextDecoder decodes that range as Latin-1's control characters.
 */
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Buffer): string {
  return bytes.toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}
