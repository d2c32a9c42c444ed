// Contract test: real answers of the main public and back-office GET routes, on the Drôme's demo
// data (loaded by the test runner), each validated against the response schema the OpenAPI
// document declares for it (closed objects: a field sent but not documented fails too).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { OpenAPIObject } from '@nestjs/swagger';
import { startTestApp, type TestApp } from '../../testing/test-app.js';
import { connect } from '../../testing/test-database.js';
import { signedIn, type SignedInClient } from '../../testing/accounts.js';
import { matchPath, ResponseValidator } from './response-validator.js';

const SLUG = 'drome';
const T = `/api/v1/tenants/${SLUG}`;

type Client = Pick<SignedInClient, 'get'>;
type Body = Record<string, unknown>;

/** The listed objects of a list answer (an array, or `{items}`), for the next calls' ids. */
const ids = (body: unknown): { id: string }[] =>
  (Array.isArray(body) ? body : ((body as { items?: unknown[] }).items ?? [])) as { id: string }[];

describe('the API answers what its OpenAPI document says', () => {
  let t: TestApp;
  let validator: ResponseValidator;
  let document: OpenAPIObject;
  let owner: Awaited<ReturnType<typeof connect>>;
  const as: Record<'anonymous' | 'agent' | 'structure' | 'beneficiary' | 'referent', Client> = {} as never;
  const checked = new Set<string>();

  before(async () => {
    t = await startTestApp();
    owner = await connect('owner');
    document = (await t.http.get('/api/docs-json')).body as OpenAPIObject;
    validator = new ResponseValidator(document);
    as.anonymous = { get: (path: string) => t.http.get(path) } as Client;
    for (const [role, email] of [
      ['agent', `agent.${SLUG}@demo.local`],
      ['structure', `structure.${SLUG}@demo.local`],
      ['beneficiary', `beneficiaire.${SLUG}@demo.local`],
      ['referent', `referent.${SLUG}@demo.local`],
    ] as const) {
      const { rows } = await owner.query<{ id: string }>('SELECT id FROM app_user WHERE email = $1', [email]);
      assert.ok(rows[0], `demo account ${email} missing (the test runner loads the demo)`);
      as[role] = await signedIn(owner, t.http, { id: rows[0].id, email });
    }
  });
  after(async () => {
    await owner.end();
    await t.close();
  });

  /** GETs `path` as `who`, expects 200, validates the body; returns it for the next calls' ids. */
  async function conforms(who: keyof typeof as, path: string): Promise<Body> {
    const res = await as[who].get(path);
    assert.equal(res.status, 200, `${who} GET ${path}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    const problems = validator.check('GET', path.split('?')[0]!, 200, res.body);
    assert.deepEqual(problems, [], `${who} GET ${path}`);
    checked.add(matchPath(document, path.split('?')[0]!)!.template);
    return res.body as Body;
  }

  it('the public catalogue: reference data, search, map, offer, organization, plan and calls', async () => {
    await conforms('anonymous', '/api/v1/health');
    await conforms('anonymous', '/api/v1/health/ready');
    await conforms('anonymous', '/api/v1/taxonomy');
    await conforms('anonymous', '/api/v1/tenants');
    await conforms('anonymous', T);
    await conforms('anonymous', `${T}/communes?q=val`);
    await conforms('anonymous', `${T}/communes/26362`);
    await conforms('anonymous', `${T}/zones`);
    await conforms('anonymous', '/api/v1/auth/oidc');
    const search = await conforms('anonymous', `${T}/offers?q=mobilite&commune=26362&radiusKm=30`);
    assert.ok(ids(search).length > 0, 'the demo has offers about mobility');
    await conforms('anonymous', `${T}/offers?themes=numerique&page=2&pageSize=5`);
    await conforms('anonymous', `${T}/offers/map?q=mobilite`);
    // Every offer of the first page, then their organizations: nullable fields take both forms.
    const all = await conforms('anonymous', `${T}/offers?pageSize=50`);
    const organizations = new Set<string>();
    for (const { id } of ids(all)) {
      const offer = await conforms('anonymous', `${T}/offers/${id}`);
      organizations.add((offer.organization as { id: string }).id);
    }
    for (const id of organizations) await conforms('anonymous', `${T}/organizations/${id}`);
    await conforms('anonymous', `${T}/plan`);
    const calls = ids(await conforms('anonymous', `${T}/calls`));
    for (const { id } of calls) await conforms('anonymous', `${T}/calls/${id}`);
    await conforms('anonymous', `${T}/data-inclusion`);
    for (const kind of ['structures', 'services'])
      for (const form of ['', '.json']) await conforms('anonymous', `${T}/data-inclusion/${kind}${form}`);
  });

  it('the back office of an agent and administrator of the département', async () => {
    await conforms('agent', '/api/v1/me');
    await conforms('agent', '/api/v1/me/export');
    const search = await conforms('agent', `${T}/offers?pageSize=5`);
    for (const { id } of ids(search)) {
      await conforms('agent', `${T}/offers/${id}`);
      await conforms('agent', `${T}/offers/${id}/history`);
    }
    await conforms('agent', `${T}/moderation/offers`);
    await conforms('agent', `${T}/dashboard`);
    const organizations = await conforms('agent', `${T}/organizations`);
    for (const { id } of ids(organizations).slice(0, 3)) {
      const organization = await conforms('agent', `${T}/organizations/${id}/back-office`);
      if (organization.siret) await conforms('agent', `${T}/organizations/by-siret/${String(organization.siret)}`);
      await conforms('agent', `${T}/organizations/${id}/members`);
      await conforms('agent', `${T}/organizations/${id}/offers`);
    }
    await conforms('agent', `${T}/registrations/stats`);
    const calls = ids(await conforms('agent', `${T}/calls`));
    for (const { id } of calls) {
      await conforms('agent', `${T}/calls/${id}`);
      const applications = ids(await conforms('agent', `${T}/calls/${id}/applications`));
      // The ranking exists once the call is closed (409 before): last year's call has one.
      if ((await as.agent.get(`${T}/calls/${id}/ranking`)).status === 200)
        await conforms('agent', `${T}/calls/${id}/ranking`);
      for (const a of applications.slice(0, 3)) await conforms('agent', `${T}/applications/${a.id}`);
    }
    const agreements = ids(await conforms('agent', `${T}/agreements`));
    for (const { id } of agreements.slice(0, 3)) await conforms('agent', `${T}/agreements/${id}`);
    const bilans = ids(await conforms('agent', `${T}/bilans?view=all`));
    for (const { id } of bilans.slice(0, 3)) await conforms('agent', `${T}/bilans/${id}`);
    const year = new Date().getFullYear();
    await conforms('agent', `${T}/indicators?year=${year}`);
    await conforms('agent', `${T}/coverage?theme=mobilite`);
    await conforms('agent', `${T}/reports/execution?year=${year}`);
    await conforms('agent', `${T}/audit`);
    await conforms('agent', `${T}/staff`);
    await conforms('agent', `${T}/settings`);
    await conforms('agent', `${T}/api-keys`);
  });

  it('the spaces of a structure, a referent and a beneficiary', async () => {
    const me = await conforms('structure', '/api/v1/me');
    const organizationId = (me.memberships as { tenant: string; organizationId?: string }[]).find(
      (m) => m.organizationId,
    )?.organizationId;
    assert.ok(organizationId);
    await conforms('structure', `${T}/organizations/${organizationId}/back-office`);
    await conforms('structure', `${T}/organizations/${organizationId}/registration-notifications`);
    const applications = ids(await conforms('structure', `${T}/applications?organizationId=${organizationId}`));
    for (const { id } of applications) await conforms('structure', `${T}/applications/${id}`);
    await conforms('structure', `${T}/bilans?view=mine`);
    const registrations = await conforms('structure', `${T}/registrations?organizationId=${organizationId}`);
    for (const { id } of ids(registrations).slice(0, 5)) await conforms('structure', `${T}/registrations/${id}`);

    for (const who of ['referent', 'beneficiary'] as const) {
      await conforms(who, '/api/v1/me');
      const mine = await conforms(who, `${T}/registrations`);
      for (const { id } of ids(mine).slice(0, 5)) await conforms(who, `${T}/registrations/${id}`);
    }
    await conforms('beneficiary', '/api/v1/me/export');
  });

  it('catches a drift: a retyped, an undocumented, a missing or a wrongly null field fails', async () => {
    const [first] = ids(await conforms('anonymous', `${T}/offers?pageSize=1`));
    const path = `${T}/offers/${first!.id}`;
    const offer = (await t.http.get(path)).body as Record<string, unknown>;
    const check = (body: object) => validator.check('GET', path, 200, body);
    assert.deepEqual(check(offer), []);
    assert.notDeepEqual(check({ ...offer, summary: { text: offer.summary } }), []);
    assert.notDeepEqual(check({ ...offer, undocumented: true }), []);
    const { title: _title, ...untitled } = offer;
    assert.notDeepEqual(check(untitled), []);
    assert.notDeepEqual(check({ ...offer, title: null }), []);
    assert.deepEqual(check({ ...offer, costDetails: null }), [], 'costDetails is nullable');
    assert.notDeepEqual(check({ ...offer, access: 'everyone' }), [], 'access is an enum');
  });

  it('covers every JSON GET route of the catalogue and the main back-office ones', () => {
    // Run after the tests above (node:test runs a suite's tests in order).
    const jsonGets = Object.entries(document.paths)
      .filter(([, item]) => item.get?.responses['200'] && 'content' in item.get.responses['200'])
      .filter(([, item]) =>
        Object.keys((item.get!.responses['200'] as { content: object }).content).includes('application/json'),
      )
      .map(([template]) => template);
    const missed = jsonGets.filter((template) => !checked.has(template));
    assert.deepEqual(missed, []);
  });
});
