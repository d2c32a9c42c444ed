// The shipped data·inclusion JSON Schemas (libs/domain/data/data-inclusion/schemas), read once for
// the export and the import: their property order is the CSV header order, their enums bound what
// the export writes, they give the OpenAPI document its record schemas, and compiled (ajv, JSON
// Schema 2020-12 with formats) they check every record an import reads and every one the tests export.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import serviceSchema from '@catalogue/domain/data/data-inclusion/schemas/service.json' with { type: 'json' };
import structureSchema from '@catalogue/domain/data/data-inclusion/schemas/structure.json' with { type: 'json' };

export type JsonSchema = Record<string, unknown>;

export const SERVICE_SCHEMA = serviceSchema as unknown as JsonSchema;
export const STRUCTURE_SCHEMA = structureSchema as unknown as JsonSchema;

/** The schema's field names, in the schema file's property order (the CSV header). */
export const SERVICE_FIELDS = Object.keys(serviceSchema.properties) as (keyof typeof serviceSchema.properties)[];
export const STRUCTURE_FIELDS = Object.keys(structureSchema.properties) as (keyof typeof structureSchema.properties)[];

const defs = serviceSchema.$defs as Record<string, { enum: string[] }>;
const enumOf = (name: string): ReadonlySet<string> => new Set(defs[name]!.enum);

/** The codes the national schema accepts, per list. */
export const SCHEMA_CODES = {
  thematiques: enumOf('Thematique'),
  publics: enumOf('Public'),
  type: enumOf('TypeService'),
  frais: enumOf('Frais'),
  modesAccueil: enumOf('ModeAccueil'),
  modesMobilisation: enumOf('ModeMobilisation'),
};

/**
 * A JSON Schema 2020-12 field as OpenAPI 3.0 reads it: `anyOf [X, null]` becomes X nullable, and
 * `$ref`s to the schema's `$defs` are inlined (the OpenAPI document has no `$defs`).
 */
function toOpenApi(node: unknown, root: { $defs?: Record<string, unknown> }): unknown {
  if (Array.isArray(node)) return node.map((n) => toOpenApi(n, root));
  if (!node || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  if (typeof o.$ref === 'string') {
    const name = o.$ref.replace('#/$defs/', '');
    return toOpenApi(root.$defs?.[name], root);
  }
  const anyOf = o.anyOf as Record<string, unknown>[] | undefined;
  const rest = Object.fromEntries(
    Object.entries(o).filter(([k]) => !['anyOf', 'default', 'title', 'examples', '$defs', 'const'].includes(k)),
  );
  if (typeof o.const === 'string') rest.enum = [o.const];
  if (anyOf) {
    const others = anyOf.filter((s) => s.type !== 'null');
    const nullable = others.length < anyOf.length;
    const inner =
      others.length === 1 ? (toOpenApi(others[0], root) as object) : { anyOf: others.map((s) => toOpenApi(s, root)) };
    return { ...(toOpenApi(rest, root) as object), ...inner, ...(nullable ? { nullable: true } : {}) };
  }
  for (const [k, v] of Object.entries(rest)) {
    if (k === 'properties') {
      rest[k] = Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, toOpenApi(s, root)]));
    } else if (k === 'items') rest[k] = toOpenApi(v, root);
  }
  return rest;
}

export const SERVICE_OPENAPI_SCHEMA = toOpenApi(serviceSchema, serviceSchema) as Record<string, unknown>;
export const STRUCTURE_OPENAPI_SCHEMA = toOpenApi(structureSchema, structureSchema) as Record<string, unknown>;

export type DiKind = 'structure' | 'service';

// ajv-formats is CommonJS: its default export arrives as the module object under NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv2020,
) => Ajv2020;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);

/** The national schemas, compiled once. */
export const DI_VALIDATORS: Record<DiKind, ValidateFunction> = {
  structure: ajv.compile(STRUCTURE_SCHEMA),
  service: ajv.compile(SERVICE_SCHEMA),
};
