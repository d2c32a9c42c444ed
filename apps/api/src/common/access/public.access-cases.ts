import { everyone, type AccessCase } from './access-cases.js';

/** The public catalogue: the same answer for everyone (GET …/offers/:id is in offers.access-cases.ts: a draft shows to its structure). */
export const PUBLIC_CASES: AccessCase[] = [
  { route: 'GET /health', expect: everyone(200) },
  // The test app asks for no warm-up (searchIndexes: cold), so it is ready.
  { route: 'GET /health/ready', expect: everyone(200) },
  // Not public: the test app configures no METRICS_TOKEN, so the route answers like an unknown one
  // for everyone, a signed-in platform admin included (the token rules: common/metrics/metrics.spec.ts).
  { route: 'GET /metrics', expect: everyone(404), request: () => ({ path: '/metrics', absolute: true }) },
  { route: 'GET /taxonomy', expect: everyone(200) },
  { route: 'GET /tenants', expect: everyone(200) },
  { route: 'GET /tenants/:slug', expect: everyone(200) },
  { route: 'GET /tenants/:slug/communes', expect: everyone(200) },
  {
    route: 'GET /tenants/:slug/communes/:insee',
    expect: everyone(200),
    request: (c) => ({ path: `/tenants/${c.tenant.slug}/communes/${c.commune.insee}` }),
  },
  { route: 'GET /tenants/:slug/zones', expect: everyone(200) },
  { route: 'GET /tenants/:slug/offers', expect: everyone(200) },
  { route: 'GET /tenants/:slug/offers/map', expect: everyone(200) },
  {
    route: 'GET /tenants/:slug/organizations/:id',
    expect: everyone(200),
    request: (c) => ({ path: `/tenants/${c.tenant.slug}/organizations/${c.orgA}` }),
  },
];
