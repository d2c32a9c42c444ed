// Role × route access matrix: every route the app serves is listed here with what each role gets.
// A new route that is not added to the matrix fails the first test.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { communesOf, makeOffer, makeOrganization } from '../../testing/factories.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { ACCESS_KEY, type AccessRule } from './access.decorator.js';
import { AccessGuard } from './access.guard.js';

/** Roles that exist so far: only the anonymous visitor (accounts come with authentication). */
const ROLES = ['anonymous'] as const;

const MATRIX: Record<string, Record<(typeof ROLES)[number], number>> = {
  'GET /health': { anonymous: 200 },
  'GET /taxonomy': { anonymous: 200 },
  'GET /tenants': { anonymous: 200 },
  'GET /tenants/:slug': { anonymous: 200 },
  'GET /tenants/:slug/communes': { anonymous: 200 },
  'GET /tenants/:slug/communes/:insee': { anonymous: 200 },
  'GET /tenants/:slug/offers': { anonymous: 200 },
  'GET /tenants/:slug/offers/map': { anonymous: 200 },
  'GET /tenants/:slug/offers/:id': { anonymous: 200 },
  'GET /tenants/:slug/organizations/:id': { anonymous: 200 },
};

describe('role × route access matrix', () => {
  let api: ApiTest;
  let t: ApiTest['t'];
  const params: Record<string, string> = {};
  let declared: { route: string; rule: AccessRule | undefined }[] = [];

  before(async () => {
    api = await startApiTest();
    t = api.t;
    const { owner, tenant } = api;
    const org = await makeOrganization(owner, tenant);
    const [commune] = await communesOf(owner, tenant);
    params.slug = tenant.slug;
    params.insee = commune!.insee;
    params.id = await makeOffer(owner, tenant, org, { places: [commune!] });
    params.orgId = org;
    const discovery = t.app.get(DiscoveryService);
    const scanner = t.app.get(MetadataScanner);
    const reflector = t.app.get(Reflector);
    declared = discovery.getControllers().flatMap((wrapper) => {
      const instance = wrapper.instance as object;
      const proto = Object.getPrototypeOf(instance) as object;
      const base = String(Reflect.getMetadata(PATH_METADATA, wrapper.metatype as object) ?? '');
      return scanner.getAllMethodNames(proto).flatMap((name) => {
        const handler = (proto as Record<string, unknown>)[name] as object;
        const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
        if (path === undefined) return [];
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const full = `/${[base, path].map((p) => p.replace(/^\/|\/$/g, '')).filter(Boolean).join('/')}`;
        const rule = reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [handler as never, wrapper.metatype as never]);
        return [{ route: `${method} ${full}`, rule }];
      });
    });
  });
  after(() => api.close());

  it('lists every route the application serves, and each declares its access rule', () => {
    assert.deepEqual(declared.map((d) => d.route).sort(), Object.keys(MATRIX).sort());
    for (const d of declared) assert.ok(d.rule, `${d.route} declares no access rule`);
  });

  for (const [route, expected] of Object.entries(MATRIX)) {
    for (const role of ROLES) {
      it(`${role} → ${route} answers ${expected[role]}`, async () => {
        const [method, path] = route.split(' ') as [string, string];
        const url = path.replace(':slug', params.slug!).replace('organizations/:id', `organizations/${params.orgId}`).replace(':id', params.id!).replace(':insee', params.insee!);
        const res = await t.http[method.toLowerCase() as 'get'](`/api/v1${url}`);
        assert.equal(res.status, expected[role], `${route}: ${JSON.stringify(res.body).slice(0, 200)}`);
      });
    }
  }

  it('refuses (403) a route that declares no access rule: default deny', () => {
    const guard = new AccessGuard(new Reflector());
    const context = { getHandler: () => function undeclared() {}, getClass: () => class Undeclared {} };
    assert.throws(() => guard.canActivate(context as never), (e: { status?: number }) => e.status === 403);
  });
});
