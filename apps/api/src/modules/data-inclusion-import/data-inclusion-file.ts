// Reads an uploaded data·inclusion file (JSON array or CSV) into records, each with its line and
// kind. A file that cannot be read as a whole (not UTF-8, not an array, too deep, too many records)
// is a 400 naming `file`; a record's own faults are left to the line checks.
import { parse } from 'csv-parse/sync';
import { IMPORT_LIMITS } from '@catalogue/contracts';
import { invalidParameter } from '../../common/errors/app-errors.js';
import { DI_FIELDS, type DiKind } from './data-inclusion-schemas.js';

/** `auto`: a record with a `structure_id` field (JSON) or a file whose header has that column (CSV) is a service. */
export const IMPORT_KINDS = ['auto', 'structures', 'services'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface DiRecord {
  /** JSON: position in the array from 1; CSV: the file's line where the record starts (header = 1). */
  line: number;
  kind: DiKind;
  data: Record<string, unknown>;
}

/** Deeper than this, a data·inclusion record cannot be (record → list → item). */
const MAX_DEPTH = 4;

const fileError = (message: string) => invalidParameter('file', message);

function decodeUtf8(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(buffer);
  } catch {
    throw fileError('n’est pas encodé en UTF-8');
  }
}

/** The nesting depth of a parsed JSON value, without recursion (a hostile file cannot overflow the stack). */
function depthOf(value: unknown): number {
  let max = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    max = Math.max(max, d);
    if (max > MAX_DEPTH) return max;
    for (const child of Object.values(v as object)) stack.push([child, d + 1]);
  }
  return max;
}

const kindOf = (data: Record<string, unknown>, kind: ImportKind): DiKind =>
  kind === 'structures'
    ? 'structure'
    : kind === 'services'
      ? 'service'
      : 'structure_id' in data
        ? 'service'
        : 'structure';

function readJson(text: string, kind: ImportKind): DiRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw fileError('n’est pas un JSON valide');
  }
  if (!Array.isArray(parsed)) throw fileError('doit être une liste JSON d’enregistrements data·inclusion');
  checkCount(parsed.length);
  if (depthOf(parsed) > MAX_DEPTH) throw fileError('est trop imbriqué pour des enregistrements data·inclusion');
  return parsed.map((data: unknown, i) => {
    if (data === null || typeof data !== 'object' || Array.isArray(data))
      throw fileError(`: l’élément n° ${i + 1} n’est pas un objet`);
    const record = data as Record<string, unknown>;
    return { line: i + 1, kind: kindOf(record, kind), data: record };
  });
}

/** A CSV cell as the schema types its field: a list split on `|`, a number, null for an empty cell. */
function cellValue(kind: DiKind, field: string, cell: string): unknown {
  if (cell === '') return null;
  const type = DI_FIELDS[kind].get(field);
  if (type === 'array')
    return cell
      .split('|')
      .map((c) => c.trim())
      .filter(Boolean);
  if (type === 'number' || type === 'integer') {
    const n = Number(cell);
    return cell.trim() !== '' && Number.isFinite(n) ? n : cell;
  }
  return cell;
}

function readCsv(text: string, kind: ImportKind): DiRecord[] {
  let rows: { record: string[]; info: { lines: number } }[];
  try {
    rows = parse(text, { bom: true, info: true, relax_column_count: false, skip_empty_lines: true }) as never;
  } catch (e) {
    throw fileError(`n’est pas un CSV lisible (${e instanceof Error ? e.message.slice(0, 200) : 'erreur'})`);
  }
  const header = rows.shift()?.record.map((h) => h.trim());
  if (!header?.length) throw fileError('est vide : la première ligne nomme les champs data·inclusion');
  checkCount(rows.length);
  const fileKind: DiKind =
    kind === 'auto' ? (header.includes('structure_id') ? 'service' : 'structure') : kindOf({}, kind);
  let previousEnd = 1;
  return rows.map(({ record, info }) => {
    const line = previousEnd + 1;
    previousEnd = info.lines;
    const data: Record<string, unknown> = {};
    header.forEach((field, i) => {
      if (DI_FIELDS[fileKind].has(field)) data[field] = cellValue(fileKind, field, record[i] ?? '');
    });
    return { line, kind: fileKind, data };
  });
}

function checkCount(n: number): void {
  if (n > IMPORT_LIMITS.dataInclusionRecords)
    throw fileError(
      `compte ${n} enregistrements : ${IMPORT_LIMITS.dataInclusionRecords.toLocaleString('fr-FR')} au plus par fichier`,
    );
}

/** The file's records: JSON when it starts with `[` (after spaces and a BOM), CSV otherwise. */
export function readDataInclusionFile(buffer: Buffer | undefined, kind: ImportKind): DiRecord[] {
  if (!buffer?.length) throw fileError('est obligatoire (un fichier JSON ou CSV non vide)');
  const text = decodeUtf8(buffer).replace(/^\uFEFF/, '');
  if (text.includes('\u0000')) throw fileError('contient un caractère nul');
  const records = /^\s*[[{]/.test(text) ? readJson(text, kind) : readCsv(text, kind);
  if (records.length === 0) throw fileError('ne contient aucun enregistrement');
  return records;
}
