// Walks the document's schemas for the ones that say nothing of their values: a property with no
// type, `$ref` or composition (Swagger infers `object` for a `string | null` written without
// `type: String`), an object with neither properties nor additionalProperties, an array without
// typed items. Used by the lint spec; kept beside the document so that a new DTO is checked too.
import type { OpenAPIObject } from '@nestjs/swagger';

type Schema = Record<string, unknown>;

const isObject = (x: unknown): x is Schema => typeof x === 'object' && x !== null && !Array.isArray(x);

function vague(schema: Schema): string | null {
  if (schema.$ref || schema.allOf || schema.oneOf || schema.anyOf) return null;
  if (schema.type === undefined) return schema.enum ? 'enum sans type' : 'sans type';
  if (schema.type === 'object' && !schema.properties && schema.additionalProperties === undefined)
    return 'objet sans propriétés';
  if (schema.type === 'array' && (!isObject(schema.items) || vague(schema.items) !== null))
    return 'tableau d’éléments sans type';
  return null;
}

function walk(schema: unknown, at: string, found: string[]): void {
  if (!isObject(schema)) return;
  const problem = vague(schema);
  if (problem) found.push(`${at}: ${problem} (${JSON.stringify(schema)})`);
  if (isObject(schema.properties))
    for (const [name, property] of Object.entries(schema.properties)) walk(property, `${at}.${name}`, found);
  if (isObject(schema.items)) walk(schema.items, `${at}[]`, found);
  if (isObject(schema.additionalProperties)) walk(schema.additionalProperties, `${at}{}`, found);
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const)
    if (Array.isArray(schema[key])) (schema[key] as unknown[]).forEach((s, i) => walk(s, `${at}.${key}[${i}]`, found));
}

/** Every schema, in components and in operations (parameters, bodies, responses), that has no known type. */
export function untypedSchemas(document: OpenAPIObject): string[] {
  const found: string[] = [];
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) walk(schema, name, found);
  for (const [path, item] of Object.entries(document.paths))
    for (const [method, operation] of Object.entries(item)) {
      if (!isObject(operation) || !operation.responses) continue;
      const op = operation as Schema & { parameters?: Schema[]; requestBody?: Schema; responses: Schema };
      const at = `${method.toUpperCase()} ${path}`;
      for (const p of op.parameters ?? []) walk(p.schema, `${at} ?${String(p.name)}`, found);
      const contents = [
        ...(isObject(op.requestBody?.content)
          ? Object.entries(op.requestBody.content).map(([t, c]) => [`corps ${t}`, c] as const)
          : []),
        ...Object.entries(op.responses).flatMap(([status, r]) =>
          isObject(r) && isObject(r.content)
            ? Object.entries(r.content).map(([t, c]) => [`${status} ${t}`, c] as const)
            : [],
        ),
      ];
      for (const [where, content] of contents)
        if (isObject(content) && content.schema) walk(content.schema, `${at} ${where}`, found);
    }
  return found;
}
