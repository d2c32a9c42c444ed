// The shipped data·inclusion JSON Schemas (2020-12), compiled once, and their errors in French
// naming the data·inclusion field: an unknown code of a référentiel refuses the line with the
// field and the value, never dropped silently.
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { ImportLineError } from '@catalogue/contracts';
import {
  DI_VALIDATORS,
  SERVICE_SCHEMA,
  STRUCTURE_SCHEMA,
  type DiKind,
} from '../../common/data-inclusion/data-inclusion-schemas.js';

export type { DiKind };

interface JsonSchema {
  properties: Record<string, { type?: string; anyOf?: { type?: string }[] }>;
}

/** Each field of a kind with its JSON type (the non-null one), in the schema's order. */
export const DI_FIELDS: Record<DiKind, Map<string, string>> = {
  structure: fieldTypes(STRUCTURE_SCHEMA as unknown as JsonSchema),
  service: fieldTypes(SERVICE_SCHEMA as unknown as JsonSchema),
};

function fieldTypes(schema: JsonSchema): Map<string, string> {
  return new Map(
    Object.entries(schema.properties).map(([name, p]) => [
      name,
      p.type ?? p.anyOf?.map((a) => a.type).find((t) => t && t !== 'null') ?? 'string',
    ]),
  );
}

const TYPE_LABELS: Record<string, string> = {
  string: 'du texte',
  number: 'un nombre',
  integer: 'un nombre entier',
  array: 'une liste',
  object: 'un objet',
  boolean: 'vrai ou faux',
};
const FORMAT_LABELS: Record<string, string> = {
  date: 'une date AAAA-MM-JJ',
  email: 'une adresse électronique',
  uri: 'une adresse web complète (https://…)',
};

const quote = (v: unknown) => `« ${typeof v === 'string' ? v.slice(0, 120) : JSON.stringify(v)?.slice(0, 120)} »`;

/** The value an error is about (the item of a list, or the field itself). */
function valueAt(record: Record<string, unknown>, path: string[]): unknown {
  let v: unknown = record;
  for (const p of path) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[p] : undefined;
  return v;
}

function message(field: string, e: ErrorObject, value: unknown): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `${String(p.missingProperty)} : champ obligatoire manquant`;
    case 'enum':
    case 'const':
      return `${field} : code inconnu ${quote(value)}`;
    case 'type':
      return `${field} : doit être ${TYPE_LABELS[String(p.type)] ?? String(p.type)}`;
    case 'format':
      return `${field} : doit être ${FORMAT_LABELS[String(p.format)] ?? String(p.format)} (${quote(value)})`;
    case 'minLength':
      return `${field} : ${String(p.limit)} caractères au moins`;
    case 'maxLength':
      return `${field} : ${String(p.limit)} caractères au plus`;
    case 'minItems':
      return `${field} : la liste ne peut pas être vide (null si aucun)`;
    case 'uniqueItems':
      return `${field} : un code y figure deux fois`;
    case 'minimum':
      return `${field} : doit valoir ${String(p.limit)} au moins`;
    case 'pattern':
      return `${field} : valeur ${quote(value)} mal formée`;
    default:
      return `${field} : valeur ${quote(value)} refusée (${e.keyword})`;
  }
}

/**
 * The schema's verdict on one record, one message per fault and field. A nullable field's
 * alternatives (`anyOf` [X, null]) give several errors for one fault: the « not null » one and
 * the `anyOf` summary are noise when a more precise error names the same place.
 */
export function schemaErrors(kind: DiKind, record: Record<string, unknown>): ImportLineError[] {
  const validate = DI_VALIDATORS[kind];
  if (validate(record)) return [];
  // Grouped by top-level field: a list's item errors and the list's « not null » error are one fault.
  const byField = new Map<string, ErrorObject[]>();
  for (const e of validate.errors ?? []) {
    const place = e.keyword === 'required' ? `/${String(e.params.missingProperty)}` : e.instancePath;
    const field = place.split('/')[1] ?? '';
    byField.set(field, [...(byField.get(field) ?? []), e]);
  }
  const out: ImportLineError[] = [];
  const seen = new Set<string>();
  for (const [field, errors] of byField) {
    const precise = errors.filter((e) => e.keyword !== 'anyOf' && !(e.keyword === 'type' && e.params.type === 'null'));
    const codes = precise.filter((e) => ['enum', 'const', 'required'].includes(e.keyword));
    // A zone code that matches none of its forms: one message per code, not one per form.
    const items = precise.filter((e) => e.instancePath.split('/').length > 2);
    const chosen = codes.length
      ? codes
      : items.length
        ? items.map((e) => ({ ...e, keyword: 'pattern' }))
        : precise.length
          ? precise
          : errors.slice(0, 1);
    for (const e of chosen) {
      const column = e.keyword === 'required' ? String(e.params.missingProperty) : field || 'enregistrement';
      const m = message(column, e, valueAt(record, e.instancePath.split('/').slice(1)));
      if (!seen.has(m)) out.push({ column, message: m });
      seen.add(m);
    }
  }
  return out;
}
