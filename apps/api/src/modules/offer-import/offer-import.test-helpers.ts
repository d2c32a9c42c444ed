// Spreadsheets for the import's tests: a good line of the template, files in each format.
import { SPREADSHEET_COLUMNS } from '@catalogue/contracts';
import ExcelJS from 'exceljs';

export const COLUMNS = SPREADSHEET_COLUMNS.map((c) => c.name);
export type Row = Record<string, string>;

/** A line every rule accepts, in the commune `insee` of the tenant's département. */
export const goodRow = (insee: string, title: string, o: Row = {}): Row => ({
  titre: title,
  resume: 'Un atelier collectif pour préparer sa candidature.',
  description: 'Trois demi-journées en petit groupe. Avec un conseiller emploi.',
  thematiques: 'preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation',
  publics: 'demandeurs-emploi',
  acces: 'prescription',
  commune_insee: insee,
  adresse: '12 rue de la Gare',
  ...o,
});

const quote = (v: string, sep: string) => (/["\r\n]/.test(v) || v.includes(sep) ? `"${v.replace(/"/g, '""')}"` : v);

/** CSV text: `sep` separated, the template's header (or `header`). */
export function csvText(rows: Row[], sep = ',', header: string[] = COLUMNS): string {
  return [header, ...rows.map((r) => header.map((h) => r[h] ?? ''))]
    .map((cells) => cells.map((c) => quote(c, sep)).join(sep))
    .join('\r\n');
}

export const utf8Csv = (rows: Row[], sep = ',', bom = false) =>
  Buffer.from(`${bom ? '\uFEFF' : ''}${csvText(rows, sep)}`, 'utf8');

/** Windows-1252: the characters of French text only (each one byte). */
export function cp1252Csv(rows: Row[], sep = ';'): Buffer {
  const text = csvText(rows, sep);
  const special: Record<string, number> = { '’': 0x92, '…': 0x85, '«': 0xab, '»': 0xbb, œ: 0x9c, '€': 0x80 };
  return Buffer.from(
    [...text].map((ch) => {
      const code = ch.codePointAt(0)!;
      if (special[ch] !== undefined) return special[ch]!;
      if (code > 0xff) throw new Error(`not in Windows-1252: ${ch}`);
      return code;
    }),
  );
}

export async function xlsxOf(rows: Row[], header: string[] = COLUMNS): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Offres');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(header.map((h) => r[h] ?? ''));
  return Buffer.from(await book.xlsx.writeBuffer());
}
