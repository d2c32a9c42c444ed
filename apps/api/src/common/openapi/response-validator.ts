// Validates a real response body against the schema the OpenAPI document declares for it, so that
// a drift between what the API sends and what it documents fails a test (openapi-contract.spec.ts).
// OpenAPI 3.0 schemas are not quite JSON Schema: `nullable` becomes an `anyOf` with null, and, to
// catch a field the API sends but the document does not describe, every object that lists its
// properties is closed (additionalProperties: false) unless it says otherwise.
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { OpenAPIObject } from '@nestjs/swagger';

// ajv-formats is CommonJS: its default export is the module object under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as unknown as (
  ajv: Ajv,
) => Ajv;

type Schema = Record<string, unknown>;

/** OpenAPI 3.0 → JSON Schema, for what the documents of this API use. */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema as Schema)) {
    if (key === 'example' || key === 'examples') continue;
    out[key] =
      key === 'properties'
        ? Object.fromEntries(Object.entries(value as Schema).map(([name, s]) => [name, toJsonSchema(s)]))
        : toJsonSchema(value);
  }
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  if (out.nullable === true) {
    delete out.nullable;
    // An enum lists its values: null must be one of them too.
    if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
    return { anyOf: [out, { type: 'null' }] };
  }
  delete out.nullable;
  return out;
}

export interface PathMatch {
  template: string;
  params: Record<string, string>;
}

/** The document's path template that `path` (no query) answers to; literal segments win over parameters. */
export function matchPath(document: OpenAPIObject, path: string): PathMatch | null {
  const segments = path.split('/');
  let best: (PathMatch & { score: number }) | null = null;
  for (const template of Object.keys(document.paths)) {
    const parts = template.split('/');
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let score = 0;
    const ok = parts.every((part, i) => {
      const m = /^\{(.+)\}$/.exec(part);
      if (m) return ((params[m[1]!] = decodeURIComponent(segments[i]!)), true);
      // `{id}.pdf`-style templates are literal here; JSON routes never use them.
      score++;
      return part === segments[i];
    });
    if (ok && (!best || score > best.score)) best = { template, params, score };
  }
  return best && { template: best.template, params: best.params };
}

export class ResponseValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(private readonly document: OpenAPIObject) {
    this.ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: 'openapi', components: toJsonSchema(document.components ?? {}) });
  }

  /** Problems of `body` against the schema of `method path` → `status` (application/json); [] when it conforms. */
  check(method: string, path: string, status: number, body: unknown): string[] {
    const match = matchPath(this.document, path);
    if (!match) return [`${path}: no path of the document answers it`];
    const key = `${method} ${match.template} ${status}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      const operation = (this.document.paths[match.template] as Record<string, Schema | undefined>)[
        method.toLowerCase()
      ];
      const response = (operation?.responses as Record<string, Schema> | undefined)?.[String(status)];
      const schema = (response?.content as Record<string, Schema> | undefined)?.['application/json']?.schema;
      if (!schema) return [`${key}: no application/json schema documented`];
      // Refs point at #/components/…: resolve them in the document registered above.
      const rebased = JSON.parse(
        JSON.stringify(toJsonSchema(schema)).replaceAll('"#/components/', '"openapi#/components/'),
      );
      validate = this.ajv.compile(rebased as Schema);
      this.compiled.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (e) => `${key}: ${e.instancePath || '(racine)'} ${e.message}${e.params ? ' ' + JSON.stringify(e.params) : ''}`,
    );
  }
}
