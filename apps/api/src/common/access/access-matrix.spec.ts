// Role × route access matrix: every route the application serves has a case (testing/all-access-cases.ts)
// saying what each role gets; a route without a case fails the first test.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Reflector } from '@nestjs/core';
import { communesOf, makeOffer, makeOrganization } from '../../testing/factories.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { createTenant } from '../../testing/test-database.js';
import { addMembership, makeUser, signedIn, type SignedInClient, type TestUser } from '../../testing/accounts.js';
import { discoverRoutes } from '../../testing/routes.js';
import { ACCESS_KEY, type AccessRule } from './access.decorator.js';
import { AccessGuard } from './access.guard.js';
import { MATRIX_ROLES, type MatrixContext, type MatrixRole } from './access-cases.js';
import { ALL_ACCESS_CASES } from '../../testing/all-access-cases.js';

describe('role × route access matrix', () => {
  let api: ApiTest;
  let ctx: MatrixContext;
  let declared: { route: string; rule: AccessRule | undefined }[] = [];

  before(async () => {
    api = await startApiTest();
    const { owner, tenant, t } = api;
    const otherTenant = await createTenant(owner);
    const orgA = await makeOrganization(owner, tenant);
    const orgB = await makeOrganization(owner, tenant);
    const otherOrg = await makeOrganization(owner, otherTenant);
    const [commune] = await communesOf(owner, tenant);
    const publishedOffer = await makeOffer(owner, tenant, orgA, { places: [commune!] });
    await makeOffer(owner, otherTenant, otherOrg, {});

    const users = {} as Record<Exclude<MatrixRole, 'anonymous'>, TestUser>;
    type Grants = [typeof tenant, Parameters<typeof addMembership>[3], string | null][];
    const grantsOf = {} as Record<Exclude<MatrixRole, 'anonymous'>, { grants: Grants; platformAdmin: boolean }>;
    const newUser = async (grants: Grants, platformAdmin: boolean) => {
      const u = await makeUser(owner, { platformAdmin });
      for (const [tn, r, org] of grants) await addMembership(owner, tn, u.id, r, org);
      return u;
    };
    const user = async (role: Exclude<MatrixRole, 'anonymous'>, grants: Grants, platformAdmin = false) => {
      grantsOf[role] = { grants, platformAdmin };
      users[role] = await newUser(grants, platformAdmin);
    };
    await user('beneficiary', [[tenant, 'beneficiary', null]]);
    await user('org_admin', [[tenant, 'structure_admin', orgA]]);
    await user('org_member', [[tenant, 'structure_member', orgA]]);
    await user('other_org', [[tenant, 'structure_admin', orgB]]);
    await user('agent', [[tenant, 'agent', null]]);
    await user('admin', [
      [tenant, 'agent', null],
      [tenant, 'admin', null],
    ]);
    await user('other_agent', [
      [otherTenant, 'agent', null],
      [otherTenant, 'admin', null],
    ]);
    await user('platform_admin', [], true);
    const clients = {} as MatrixContext['clients'];
    for (const role of Object.keys(users) as (keyof typeof users)[])
      clients[role] = await signedIn(owner, t.http, users[role]);

    ctx = {
      t,
      owner,
      tenant,
      otherTenant,
      orgA,
      orgB,
      commune: commune!,
      publishedOffer,
      clients,
      // Another user with the same roles: what the call does to its sessions leaves the usual clients alone.
      freshClient: async (role) =>
        role === 'anonymous'
          ? null
          : signedIn(owner, t.http, await newUser(grantsOf[role].grants, grantsOf[role].platformAdmin)),
    };

    const reflector = t.app.get(Reflector);
    declared = discoverRoutes(t.app).map(({ route, handler, controller }) => ({
      route,
      rule: reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [handler as never, controller as never]),
    }));
  });
  after(() => api.close());

  it('lists every route the application serves, each once, and each declares its access rule', () => {
    const cases = ALL_ACCESS_CASES.map((c) => c.route);
    assert.equal(new Set(cases).size, cases.length, 'a route has two cases');
    assert.deepEqual(declared.map((d) => d.route).sort(), [...cases].sort());
    for (const d of declared) assert.ok(d.rule, `${d.route} declares no access rule`);
  });

  for (const c of ALL_ACCESS_CASES) {
    for (const role of MATRIX_ROLES) {
      it(`${role} → ${c.route} answers ${c.expect[role]}`, async () => {
        const [method, routePath] = c.route.split(' ') as [string, string];
        const req = c.request ? await c.request(ctx, role) : { path: routePath.replace(':slug', ctx.tenant.slug) };
        const client: SignedInClient | null =
          req.as !== undefined ? req.as : role === 'anonymous' ? null : ctx.clients[role];
        const url = req.absolute ? req.path : `/api/v1${req.path}`;
        const m = method.toLowerCase() as 'get' | 'post' | 'patch' | 'put' | 'delete';
        const res = req.upload
          ? await (
              client
                ? ctx.t.http[m](url).set('Cookie', client.cookie).set('X-CSRF-Token', client.csrfToken)
                : ctx.t.http[m](url)
            ).attach('file', req.upload.file, req.upload.name)
          : client
            ? await client.request(m, url, req.body)
            : await (m === 'get' || m === 'delete' ? ctx.t.http[m](url) : ctx.t.http[m](url).send(req.body ?? {}));
        assert.equal(res.status, c.expect[role], `${role} ${c.route}: ${JSON.stringify(res.body).slice(0, 300)}`);
      });
    }
  }

  it('refuses (403) a route that declares no access rule: default deny', () => {
    const guard = new AccessGuard(new Reflector());
    const context = {
      getHandler: () => function undeclared() {},
      getClass: () => class Undeclared {},
      switchToHttp: () => ({ getRequest: () => ({ actor: null }) }),
    };
    assert.throws(
      () => guard.canActivate(context as never),
      (e: { status?: number }) => e.status === 403,
    );
  });
});
