// The template a partner fills: the columns in order, French names, one example line. The XLSX
// adds a second sheet « Aide » with each column's help and, below, the codes each list accepts
// with their labels (the référentiels of @catalogue/domain).
import { SPREADSHEET_COLUMNS } from '@catalogue/contracts';
import {
  ACCESS_MODES,
  AUDIENCES,
  MOBILISATION_MODES,
  RECEPTION_MODES,
  SERVICE_TYPES,
  THEMES,
  type ReferenceItem,
} from '@catalogue/domain';
import ExcelJS from 'exceljs';
import { toCsv } from '../../common/csv/csv.js';

const header = SPREADSHEET_COLUMNS.map((c) => c.name);

/** The example line, its place and zone in the tenant's own communes (the contract's are the Drôme's). */
export type TemplateCommunes = [string, string] | [string] | [];
function exampleLine(communes: TemplateCommunes): string[] {
  return SPREADSHEET_COLUMNS.map((c) => {
    if (c.name === 'commune_insee') return communes[0] ?? c.example;
    if (c.name === 'zone_diffusion') return communes.length ? communes.join('|') : '';
    return c.example;
  });
}

/** UTF-8 with BOM, `;` separated (Excel in French opens it as is). */
export function templateCsv(communes: TemplateCommunes): string {
  return toCsv(header, [exampleLine(communes)]);
}

const CODE_LISTS: { column: string; items: readonly Pick<ReferenceItem, 'code' | 'label'>[] }[] = [
  { column: 'thematiques', items: THEMES },
  { column: 'publics', items: AUDIENCES },
  { column: 'acces', items: ACCESS_MODES },
  { column: 'types', items: SERVICE_TYPES },
  { column: 'modes_accueil', items: RECEPTION_MODES },
  { column: 'modes_mobilisation', items: MOBILISATION_MODES },
  {
    column: 'frais',
    items: [
      { code: 'gratuit', label: 'Gratuit' },
      { code: 'payant', label: 'Payant' },
    ],
  },
];

export async function templateXlsx(communes: TemplateCommunes): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Catalogue de l’offre d’insertion';
  const offers = book.addWorksheet('Offres', { views: [{ state: 'frozen', ySplit: 1 }] });
  offers.columns = SPREADSHEET_COLUMNS.map((c) => ({
    header: c.name,
    key: c.name,
    width: Math.max(14, c.name.length + 4),
  }));
  // Text cells: an INSEE code such as 01004 keeps its leading zero.
  offers.columns.forEach((col) => (col.numFmt = '@'));
  offers.addRow(exampleLine(communes));
  const head = offers.getRow(1);
  head.font = { bold: true };
  SPREADSHEET_COLUMNS.forEach((c, i) => {
    head.getCell(i + 1).note = `${c.required ? 'Obligatoire. ' : ''}${c.help}`;
  });

  const help = book.addWorksheet('Aide');
  help.columns = [
    { header: 'Colonne', key: 'name', width: 24 },
    { header: 'Obligatoire', key: 'required', width: 12 },
    { header: 'Ce qu’il faut écrire', key: 'help', width: 90 },
    { header: 'Exemple', key: 'example', width: 50 },
  ];
  help.getRow(1).font = { bold: true };
  for (const c of SPREADSHEET_COLUMNS)
    help.addRow({ name: c.name, required: c.required ? 'oui' : 'non', help: c.help, example: c.example });
  help.addRow([]);
  for (const list of CODE_LISTS) {
    const title = help.addRow([`Codes de la colonne « ${list.column} »`]);
    title.font = { bold: true };
    for (const item of list.items) help.addRow([item.code, '', item.label]);
    help.addRow([]);
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
