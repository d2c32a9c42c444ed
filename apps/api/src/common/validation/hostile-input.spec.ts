// Hostile input against every route the app serves (the list comes from the app, so a new route is
// covered without anyone remembering): every body field, every query parameter and every path
// parameter gets a table of hostile values, anonymously and as a signed-in user (with the CSRF
// token, so that validation is reached where a session is needed). Never a 500; every error has
// the shape {statusCode, code, message}; what must be named is named.
import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { INPUT_LIMITS, textProblem } from '@catalogue/contracts';
import { communesOf, freshSiret } from '../../testing/factories.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { addMembership, makeUser, signedIn, type SignedInClient, type TestUser } from '../../testing/accounts.js';
import { discoverRoutes, dtoFields, type DiscoveredRoute } from '../../testing/routes.js';

type Client = SignedInClient | null;
interface Sent {
  contentType?: string;
  body?: string | Buffer;
  query?: string;
  params?: Record<string, string>;
}

/** Text no input may carry, as JSON escapes in a body: each is a 400 naming the field. */
const BAD_TEXT: [string, string][] = [
  ['a NUL character', 'a\u0000b'],
  ['a lone high surrogate', 'x\ud800y@a.fr'],
  ['a lone low surrogate', '\udc00'],
];

/** Values of the wrong type or size, as raw JSON: never a 500. */
const ODD_JSON: [string, string][] = [
  ['a huge integer', '999999999999999999999999'],
  ['an overflowing number', '-1e400'],
  ['null', 'null'],
  ['an empty object', '{}'],
  ['a list of mixed values', '[{}, {"x": 1}, true]'],
  ['a long text', JSON.stringify('é'.repeat(20_000))],
];

/** Query or path values as sent on the wire (percent-encoded) that must be refused naming the parameter. */
const BAD_ENCODED: [string, string][] = [
  ['a NUL character', 'a%00b'],
  ['a lone NUL', '%00'],
  ['malformed percent-encoding', '%E0%A4%A'],
  ['a truncated escape', 'a%'],
  ['an invalid UTF-8 byte', '%FF'],
  ['an encoded surrogate', '%ED%A0%80'],
  ['an overlong encoding', '%C0%AF'],
];

/** Other query or path values: never a 500. */
const ODD_ENCODED: [string, string][] = [
  ['a huge integer', '999999999999999999999999'],
  ['a long integer', '9'.repeat(400)],
  ['an exponent', '1e999'],
  ['minus one', '-1'],
  ['NaN', 'NaN'],
  ['hexadecimal', '0x10'],
  ['a long text', 'a'.repeat(4000)],
  ['spaces', '%20%20'],
  ['an encoded slash', 'a%2Fb'],
  ['brackets', '%5B%5D'],
  ['an emoji', '%F0%9F%98%80'],
];

const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** A body where `path` (`places.0.address`) holds the raw JSON `raw`, and nothing else. */
function bodyWith(path: string, raw: string): string {
  const marker = `@@${randomUUID()}@@`;
  const keys = path.split('.');
  const value = keys.reduceRight<unknown>((inner, key) => (/^\d+$/.test(key) ? [inner] : { [key]: inner }), marker);
  return JSON.stringify(value).replace(JSON.stringify(marker), raw);
}

describe('hostile input on every route, from the app’s own route list', () => {
  let api: ApiTest;
  let routes: DiscoveredRoute[];
  let user: TestUser;
  let fill: (name: string) => string;

  before(async () => {
    api = await startApiTest();
    const [commune] = await communesOf(api.owner, api.tenant);
    // Platform admin, admin and agent of the tenant: whatever the route, the request gets past the guards to validation.
    user = await makeUser(api.owner, { platformAdmin: true });
    await addMembership(api.owner, api.tenant, user.id, 'agent');
    await addMembership(api.owner, api.tenant, user.id, 'admin');
    const known: Record<string, string> = {
      slug: api.tenant.slug,
      insee: commune!.insee,
      siret: freshSiret(),
      year: '2026',
    };
    fill = (name) => known[name] ?? randomUUID();
    routes = discoverRoutes(api.t.app);
  });
  after(() => api.close());

  // A session of its own for each route: one that signs out (logout) leaves the others signed in.
  const session = () => signedIn(api.owner, api.t.http, user);
  const clients = async (): Promise<[string, Client][]> => [
    ['anonymous', null],
    ['signed in', await session()],
  ];

  function send(route: DiscoveredRoute, client: Client, o: Sent = {}) {
    const url =
      route.url.replace(/:(\w+)/g, (_, name: string) => o.params?.[name] ?? fill(name)) +
      (o.query ? `?${o.query}` : '');
    const m = route.method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
    let req = api.t.http[m](url);
    if (client) req = req.set('Cookie', client.cookie).set('X-CSRF-Token', client.csrfToken);
    if (o.contentType) req = req.set('Content-Type', o.contentType);
    // Sent as is: superagent would otherwise serialise a Buffer as JSON.
    return o.body === undefined ? req : req.serialize((raw: unknown) => raw as string).send(o.body);
  }

  const json = (body: string | Buffer): Sent => ({ contentType: 'application/json', body });
  const show = (res: Response) => `${res.status} ${JSON.stringify(res.body).slice(0, 200)}`;

  /** Problems with an answer: a 5xx, or an error without the usual shape. */
  function shapeProblem(res: Response): string | null {
    if (res.status >= 500) return show(res);
    if (res.status < 400) return null;
    const b = res.body as Record<string, unknown>;
    const ok =
      b &&
      b.statusCode === res.status &&
      typeof b.code === 'string' &&
      typeof b.message === 'string' &&
      b.message !== '';
    return ok ? null : `no {statusCode, code, message}: ${show(res)}`;
  }

  /** Problems with an answer that must refuse, naming `parameter` (one of several accepted names). */
  function namedProblem(res: Response, status: number, code: string, parameter: string | string[]): string | null {
    const names = [parameter].flat();
    const b = res.body as Record<string, unknown>;
    if (
      res.status === status &&
      b.statusCode === status &&
      b.code === code &&
      names.includes(String(b.parameter)) &&
      typeof b.message === 'string'
    )
      return null;
    return `expected ${status} ${code} naming ${names.join(' or ')}, got ${show(res)}`;
  }

  /** Runs one check per case (a few at a time) and fails once, listing every case that went wrong. */
  async function table<C>(cases: C[], check: (c: C) => Promise<string | null>, concurrency = 4) {
    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const problem = await check(cases[next++]!);
        if (problem) failures.push(problem);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    assert.deepEqual(failures.sort(), []);
  }

  const bodyRoutes = () => routes.filter((r) => r.body !== undefined);
  const queryRoutes = () => routes.filter((r) => r.query !== undefined);

  it('can read what every route takes: its body and query classes, their nested fields (or names the route here)', () => {
    assert.ok(routes.length > 50, `only ${routes.length} routes found`);
    const unreadable = [
      ...routes.filter((r) => r.body === null).map((r) => `${r.route}: @Body() without a validated class`),
      ...routes.filter((r) => r.query === null).map((r) => `${r.route}: @Query() without a validated class`),
      ...routes.flatMap((r) =>
        [r.body, r.query]
          .flatMap((dto) => (dto ? dtoFields(dto) : []))
          .filter((f) => f.rules.includes('unreadableNested'))
          .map((f) => `${r.route}: ${f.owner} nested without @Type`),
      ),
    ];
    assert.deepEqual(unreadable, []);
    assert.ok(bodyRoutes().length >= 20, `only ${bodyRoutes().length} routes with a body`);
  });

  it('gives every number a route accepts a maximum', () => {
    const unbounded = routes.flatMap((r) =>
      [r.body, r.query]
        .flatMap((dto) => (dto ? dtoFields(dto) : []))
        .filter(
          (f) =>
            f.rules.some((rule) => rule === 'isNumber' || rule === 'isInt') &&
            !f.rules.some((rule) => rule === 'max' || rule === 'isIn'),
        )
        .map((f) => `${r.route}: ${f.owner}`),
    );
    assert.deepEqual([...new Set(unbounded)], []);
  });

  it('says what a valid text is in one rule shared with the web (libs/contracts)', () => {
    for (const ok of ['', 'Garage solidaire', 'émoji 😀 et 𝄞', 'tab\tline\n']) assert.equal(textProblem(ok), null, ok);
    for (const [why, bad] of BAD_TEXT) assert.ok(textProblem(bad), why);
    assert.ok(textProblem('a\udbff'), 'a high surrogate at the end');
    assert.ok(textProblem('\udc00\ud800'), 'halves in the wrong order');
  });

  it('answers the probe’s examples by name, never 500', async () => {
    const base = `/api/v1/tenants/${api.tenant.slug}`;
    const agent = await session();
    const post = (path: string, body: string) =>
      api.t.http.post(path).set('Content-Type', 'application/json').send(body);
    const cases: [string, () => Promise<Response>, number, string][] = [
      // [what, request, status, parameter]
      [
        'a 4 KB login nested 2,000 deep',
        () => post('/api/v1/auth/login', `{"email":${deep(2000)},"password":"x"}`),
        400,
        'email',
      ],
      [
        'a lone surrogate in a login email',
        () => post('/api/v1/auth/login', '{"email":"x\\ud800y@a.fr","password":"x"}'),
        400,
        'email',
      ],
      [
        'a NUL in a registration name',
        () => post('/api/v1/auth/register', '{"email":"nul@a.fr","password":"une-phrase-de-passe","name":"a\\u0000b"}'),
        400,
        'name',
      ],
      [
        'a huge page of the agents’ structure list',
        () => agent.get(`${base}/organizations?page=999999999999999999999999`),
        400,
        'page',
      ],
      ['a NUL in the structure search', () => agent.get(`${base}/organizations?q=a%00b`), 400, 'q'],
      ['a NUL in the offer search', () => api.t.http.get(`${base}/offers?q=a%00b`), 400, 'q'],
      ['a malformed escape in an offer’s path', () => api.t.http.get(`${base}/offers/%E0%A4%A`), 400, 'path'],
    ];
    await table(cases, async ([what, request, status, parameter]) => {
      const problem = namedProblem(await request(), status, 'invalid_parameter', parameter);
      return problem && `${what}: ${problem}`;
    });
  });

  it('documents 413 and 415 in OpenAPI on every route that takes a body', async () => {
    const { paths } = (await api.t.http.get('/api/docs-json')).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const missing = bodyRoutes().flatMap((r) => {
      const operation = paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
      return ['413', '415'].filter((status) => !operation?.responses[status]).map((status) => `${r.route}: ${status}`);
    });
    assert.deepEqual(missing, []);
  });

  describe('every route that takes a body', () => {
    it('refuses bad text in any field with a 400 naming the field, anonymous or signed in', async (t: TestContext) => {
      for (const route of bodyRoutes()) {
        await t.test(route.route, async () => {
          const fields = dtoFields(route.body!).map((f) => f.path);
          const cases = (await clients()).flatMap(([who, client]) =>
            fields.flatMap((field) => BAD_TEXT.map(([why, text]) => ({ who, client, field, why, text }))),
          );
          await table(cases, async ({ who, client, field, why, text }) => {
            const res = await send(route, client, json(bodyWith(field, JSON.stringify(text))));
            const problem = namedProblem(res, 400, 'invalid_parameter', field);
            return problem && `${who}, ${field} with ${why}: ${problem}`;
          });
        });
      }
    });

    it('answers values of any type and size in any field without a 500, anonymous or signed in', async (t: TestContext) => {
      for (const route of bodyRoutes()) {
        await t.test(route.route, async () => {
          const fields = dtoFields(route.body!).map((f) => f.path);
          const cases = (await clients()).flatMap(([who, client]) =>
            fields.flatMap((field) => ODD_JSON.map(([why, raw]) => ({ who, client, field, why, raw }))),
          );
          await table(cases, async ({ who, client, field, why, raw }) => {
            const problem = shapeProblem(await send(route, client, json(bodyWith(field, raw))));
            return problem && `${who}, ${field} with ${why}: ${problem}`;
          });
        });
      }
    });

    it('refuses nesting deeper than the limit, even inside a field, naming the field', async (t: TestContext) => {
      for (const route of bodyRoutes()) {
        await t.test(route.route, async () => {
          const [first] = dtoFields(route.body!);
          const top = first!.path.split('.')[0]!;
          const cases = (await clients()).flatMap(([who, client]) => [
            { who, client, why: '2,000 nested lists', body: deep(2000), parameter: 'body' },
            { who, client, why: '2,000 nested objects', body: deepObject(2000), parameter: 'a' },
            {
              who,
              client,
              why: `${INPUT_LIMITS.jsonDepth + 1} levels`,
              body: deepObject(INPUT_LIMITS.jsonDepth + 1),
              parameter: 'a',
            },
            { who, client, why: 'a deep value in a field', body: bodyWith(first!.path, deep(2000)), parameter: top },
          ]);
          await table(cases, async ({ who, client, why, body, parameter }) => {
            const problem = namedProblem(await send(route, client, json(body)), 400, 'invalid_parameter', parameter);
            return problem && `${who}, ${why}: ${problem}`;
          });
        });
      }
    });

    it('refuses a body that is not one JSON object in UTF-8, or field names that reach prototypes', async (t: TestContext) => {
      const bodies: [string, Sent, number, string, string][] = [
        // [why, what is sent, status, code, parameter]
        ['plain text', { contentType: 'text/plain', body: 'bonjour' }, 415, 'unsupported_media_type', 'body'],
        [
          'a form',
          { contentType: 'application/x-www-form-urlencoded', body: 'email=a%40b.fr' },
          415,
          'unsupported_media_type',
          'body',
        ],
        ['XML', { contentType: 'application/xml', body: '<a/>' }, 415, 'unsupported_media_type', 'body'],
        [
          'JSON in Latin-1',
          { contentType: 'application/json; charset=latin1', body: '{}' },
          415,
          'unsupported_media_type',
          'body',
        ],
        [
          'JSON in UTF-16',
          { contentType: 'application/json; charset=utf-16', body: '{}' },
          415,
          'unsupported_media_type',
          'body',
        ],
        [
          'invalid UTF-8 (a raw 0xFF byte)',
          json(Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xff]), Buffer.from('"}')])),
          400,
          'invalid_parameter',
          'body',
        ],
        ['truncated JSON', json('{"a":'), 400, 'invalid_parameter', 'body'],
        ['a bare string', json('"x"'), 400, 'invalid_parameter', 'body'],
        ['a bare number', json('42'), 400, 'invalid_parameter', 'body'],
        ['a bare list', json('[{"email":"a@b.fr"}]'), 400, 'invalid_parameter', 'body'],
        ['null', json('null'), 400, 'invalid_parameter', 'body'],
        ['more than 1 MB', json(`{"a":"${'x'.repeat(INPUT_LIMITS.bodyBytes)}"}`), 413, 'payload_too_large', 'body'],
        ['a __proto__ field', json('{"__proto__":{"admin":true}}'), 400, 'invalid_parameter', '__proto__'],
        [
          'a constructor field',
          json('{"constructor":{"prototype":{"admin":true}}}'),
          400,
          'invalid_parameter',
          'constructor',
        ],
        ['a prototype field', json('{"prototype":1}'), 400, 'invalid_parameter', 'prototype'],
        [
          'a nested __proto__ field',
          json('{"contact":{"__proto__":{"admin":true}}}'),
          400,
          'invalid_parameter',
          'contact.__proto__',
        ],
        ['a field name with a NUL', json('{"a\\u0000":1}'), 400, 'invalid_parameter', 'a\u0000'],
      ];
      for (const route of bodyRoutes()) {
        await t.test(route.route, async () => {
          const cases = (await clients()).flatMap(([who, client]) =>
            bodies.map(([why, sent, status, code, parameter]) => ({ who, client, why, sent, status, code, parameter })),
          );
          await table(cases, async ({ who, client, why, sent, status, code, parameter }) => {
            const problem = namedProblem(await send(route, client, sent), status, code, parameter);
            return problem && `${who}, ${why}: ${problem}`;
          });
        });
      }
    });

    it('reaches validation when signed in (an unknown field is named), and takes an empty JSON body without a 500', async () => {
      const withClients = [];
      for (const route of bodyRoutes()) withClients.push({ route, clients: await clients() });
      await table(withClients, async ({ route, clients: [anonymous, signedInClient] }) => {
        const unknown = await send(route, signedInClient![1], json('{"zzUnknownField":1}'));
        const fields = (unknown.body as { fields?: { field: string }[] }).fields ?? [];
        if (unknown.status !== 400 || !fields.some((f) => f.field === 'zzUnknownField'))
          return `${route.route}: validation not reached (${show(unknown)})`;
        for (const [who, client] of [anonymous!, signedInClient!]) {
          const problem = shapeProblem(await send(route, client, { contentType: 'application/json' }));
          if (problem) return `${route.route}, ${who}, empty body: ${problem}`;
        }
        return null;
      });
    });
  });

  describe('every query parameter of every route', () => {
    it('refuses bad text or encoding with a 400 naming the parameter, on every route', async (t: TestContext) => {
      for (const route of routes.filter((r) => r.url.startsWith('/api/'))) {
        await t.test(route.route, async () => {
          const names = route.query ? [...new Set(dtoFields(route.query).map((f) => f.path))] : ['x'];
          const cases = (await clients()).flatMap(([who, client]) =>
            names.flatMap((name) => BAD_ENCODED.map(([why, value]) => ({ who, client, name, why, value }))),
          );
          await table(cases, async ({ who, client, name, why, value }) => {
            const res = await send(route, client, { query: `${name}=${value}` });
            const problem = namedProblem(res, 400, 'invalid_parameter', name);
            return problem && `${who}, ${name} with ${why}: ${problem}`;
          });
        });
      }
    });

    it('answers odd values, repeated parameters and unknown ones without a 500, and names numbers out of range', async (t: TestContext) => {
      for (const route of queryRoutes()) {
        await t.test(route.route, async () => {
          const fields = dtoFields(route.query!);
          const cases = (await clients()).flatMap(([who, client]) =>
            fields.flatMap((f) => [
              ...ODD_ENCODED.map(([why, value]) => ({ who, client, f, why, query: `${f.path}=${value}` })),
              { who, client, f, why: 'given twice', query: `${f.path}=1&${f.path}=2` },
              { who, client, f, why: 'given twice, empty', query: `${f.path}=&${f.path}=` },
            ]),
          );
          await table(cases, async ({ who, client, f, why, query }) => {
            const res = await send(route, client, { query });
            const problem = shapeProblem(res);
            if (problem) return `${who}, ${f.path} ${why}: ${problem}`;
            // A number out of range is refused by name wherever validation is reached.
            const numeric = f.rules.includes('isNumber') || f.rules.includes('isInt');
            if (numeric && res.status !== 401 && why === 'a huge integer') {
              const named = namedProblem(res, 400, 'invalid_parameter', f.path);
              if (named) return `${who}, ${f.path} ${why}: ${named}`;
            }
            return null;
          });
        });
      }
    });

    it('reaches validation when signed in: an unknown parameter is named', async () => {
      await table(
        queryRoutes(),
        async (route) => {
          const problem = namedProblem(
            await send(route, await session(), { query: 'zzUnknown=1' }),
            400,
            'invalid_parameter',
            'zzUnknown',
          );
          return problem && `${route.route}: validation not reached: ${problem}`;
        },
        1,
      );
    });
  });

  describe('every path parameter of every route', () => {
    it('refuses bad text or encoding with a 400 naming the parameter (or the path), anonymous or signed in', async (t: TestContext) => {
      for (const route of routes.filter((r) => r.pathParams.length > 0)) {
        await t.test(route.route, async () => {
          const cases = (await clients()).flatMap(([who, client]) =>
            route.pathParams.flatMap((name) => BAD_ENCODED.map(([why, value]) => ({ who, client, name, why, value }))),
          );
          await table(cases, async ({ who, client, name, why, value }) => {
            const problem = namedProblem(
              await send(route, client, { params: { [name]: value } }),
              400,
              'invalid_parameter',
              [name, 'path'],
            );
            return problem && `${who}, :${name} with ${why}: ${problem}`;
          });
        });
      }
    });

    it('answers odd values without a 500', async (t: TestContext) => {
      for (const route of routes.filter((r) => r.pathParams.length > 0)) {
        await t.test(route.route, async () => {
          const cases = (await clients()).flatMap(([who, client]) =>
            route.pathParams.flatMap((name) => ODD_ENCODED.map(([why, value]) => ({ who, client, name, why, value }))),
          );
          await table(cases, async ({ who, client, name, why, value }) => {
            const problem = shapeProblem(await send(route, client, { params: { [name]: value } }));
            return problem && `${who}, :${name} with ${why}: ${problem}`;
          });
        });
      }
    });
  });
});
