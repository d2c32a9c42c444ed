// The OpenAPI document the API serves passes Redocly's recommended rules with zero errors and
// zero warnings, and no schema leaves its type unsaid.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createConfig, lintFromString } from '@redocly/openapi-core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { untypedSchemas } from './openapi-schemas.js';

const REDOCLY_CONFIG = {
  extends: ['recommended'],
  rules: {
    // Stricter than `recommended`: a contact, and every tag an operation uses declared (with its
    // description) in common/openapi/openapi-document.ts.
    'info-contact': 'error' as const,
    'operation-tag-defined': 'error' as const,
    // `/organizations/by-siret/{siret}` against `/organizations/{id}/…`: `{id}` is a UUID (format
    // uuid, checked by the route), which `by-siret` never is, so no request is ambiguous.
    'no-ambiguous-paths': 'off' as const,
  },
};

/** Redirect-only routes: their only success is a 302, never a 2xx (operation-2xx-response). */
const IGNORED = {
  'openapi.json': {
    'operation-2xx-response': new Set([
      '#/paths/~1api~1v1~1auth~1oidc~1login/get/responses',
      '#/paths/~1api~1v1~1auth~1oidc~1callback/get/responses',
    ]),
  },
};

/** The API's run-time source files (compiled specs run from dist/common/openapi). */
function sourceFiles(dir = fileURLToPath(new URL('../../../src', import.meta.url))): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [p] : [];
  });
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let document: OpenAPIObject;

  before(async () => {
    // As deployed: the servers and contact name PUBLIC_URL, never localhost (no-server-example.com).
    t = await startTestApp({ settings: { publicUrl: 'https://catalogue-insertion.test' } });
    const res = await t.http.get('/api/docs-json');
    assert.equal(res.status, 200);
    document = res.body as OpenAPIObject;
  });
  after(() => t.close());

  it('passes Redocly’s recommended rules without an error or a warning', async () => {
    const config = await createConfig(REDOCLY_CONFIG, { ignore: IGNORED });
    const problems = await lintFromString({ source: JSON.stringify(document), absoluteRef: 'openapi.json', config });
    const lines = problems
      .filter((p) => !p.ignored)
      .map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location.map((l) => l.pointer).join(', ')}`);
    assert.deepEqual(lines, []);
  });

  it('names every schema class once: Swagger keys a schema by its class name and keeps one of two alike', () => {
    const places = new Map<string, string[]>();
    for (const file of sourceFiles())
      for (const [, name] of readFileSync(file, 'utf8').matchAll(/^\s*(?:export\s+)?class\s+(\w+Dto)\b/gm))
        places.set(name!, [...(places.get(name!) ?? []), file.replace(/.*\/src\//, '')]);
    const twice = [...places]
      .filter(([, files]) => files.length > 1)
      .map(([name, files]) => `${name}: ${files.join(', ')}`);
    assert.deepEqual(twice, []);
  });

  it('gives every schema a type: no property left as an untyped object', async () => {
    const found = untypedSchemas(document);
    assert.deepEqual(found, []);
  });
});
