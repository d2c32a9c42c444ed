// Every input of PUT …/plan refuses bad values with a 400 naming the field, never a 500 (the
// hostile-input spec covers encodings and odd JSON on every route; here, the values and the rules
// across fields, which are planWriteErrors of the contracts).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PLAN_LIMITS, type PlanWrite } from '@catalogue/contracts';
import { clientWithRole, type SignedInClient } from '../../testing/accounts.js';
import { samplePlanWrite } from '../../testing/factories.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';

type Mutable = PlanWrite;
const raw = (p: PlanWrite) => p as unknown as Record<string, unknown>;
const fiche = (p: PlanWrite, a: number, f: number) => p.axes[a]!.fiches[f]! as unknown as Record<string, unknown>;
const indicator = (p: PlanWrite) => p.axes[0]!.fiches[0]!.indicators[0]! as unknown as Record<string, unknown>;

// [why, change to a valid plan, field named in the answer]
const CASES: [string, (p: Mutable) => void, string][] = [
  ['no name', (p) => delete (p as Partial<PlanWrite>).name, 'name'],
  ['a blank name', (p) => (p.name = '   '), 'name'],
  ['a name too long', (p) => (p.name = 'x'.repeat(PLAN_LIMITS.name + 1)), 'name'],
  ['a name with NUL', (p) => (p.name = 'a\u0000b'), 'name'],
  ['a period start as text', (p) => (raw(p)['periodStart'] = '2024'), 'periodStart'],
  ['a period start in 1850', (p) => (p.periodStart = 1850), 'periodStart'],
  ['a period end before its start', (p) => (p.periodEnd = 2020), 'periodEnd'],
  ['a period of 30 years', (p) => (p.periodEnd = 2054), 'periodEnd'],
  ['axes as an object', (p) => (raw(p)['axes'] = {}), 'axes'],
  ['too many axes', (p) => (p.axes = Array.from({ length: PLAN_LIMITS.axes + 1 }, () => ({ ...p.axes[1]! }))), 'axes'],
  [
    'an axis number as text',
    (p) => ((p.axes[0] as unknown as Record<string, unknown>)['number'] = 'I'),
    'axes.0.number',
  ],
  ['an axis number 0', (p) => (p.axes[0]!.number = 0), 'axes.0.number'],
  ['two axes numbered 1', (p) => (p.axes[1]!.number = 1), 'axes.1.number'],
  ['an axis without title', (p) => (p.axes[1]!.title = ''), 'axes.1.title'],
  ['an axis id that is no uuid', (p) => (p.axes[0]!.id = 'axe-1'), 'axes.0.id'],
  ['an unknown axis id', (p) => (p.axes[0]!.id = '00000000-0000-4000-8000-000000000000'), 'axes.0.id'],
  ['fiches as text', (p) => ((p.axes[0] as unknown as Record<string, unknown>)['fiches'] = 'toutes'), 'axes.0.fiches'],
  ['a fiche number « 7a »', (p) => (fiche(p, 0, 1)['number'] = '7a'), 'axes.0.fiches.1.number'],
  ['a fiche number as a number', (p) => (fiche(p, 0, 1)['number'] = 2), 'axes.0.fiches.1.number'],
  ['a fiche number twice in the plan', (p) => (fiche(p, 1, 0)['number'] = '1'), 'axes.1.fiches.0.number'],
  [
    'a fiche title too long',
    (p) => (fiche(p, 0, 0)['title'] = 'x'.repeat(PLAN_LIMITS.title + 1)),
    'axes.0.fiches.0.title',
  ],
  ['a fiche objective as a list', (p) => (fiche(p, 0, 0)['objective'] = ['a']), 'axes.0.fiches.0.objective'],
  ['a fiche public as a number', (p) => (fiche(p, 0, 0)['publicText'] = 7), 'axes.0.fiches.0.publicText'],
  [
    'fiche means too long',
    (p) => (fiche(p, 0, 0)['means'] = 'x'.repeat(PLAN_LIMITS.means + 1)),
    'axes.0.fiches.0.means',
  ],
  [
    'a fiche description too long',
    (p) => (fiche(p, 0, 0)['description'] = 'x'.repeat(PLAN_LIMITS.ficheDescription + 1)),
    'axes.0.fiches.0.description',
  ],
  ['an unknown measure', (p) => (indicator(p)['measure'] = 'guess'), 'axes.0.fiches.0.indicators.0.measure'],
  ['an indicator without unit', (p) => delete indicator(p)['unit'], 'axes.0.fiches.0.indicators.0.unit'],
  ['a label with NUL', (p) => (indicator(p)['label'] = 'a\u0000'), 'axes.0.fiches.0.indicators.0.label'],
  ['targets as a list', (p) => (indicator(p)['targets'] = [100]), 'axes.0.fiches.0.indicators.0.targets'],
  ['a target as text', (p) => (indicator(p)['targets'] = { '2024': '100' }), 'axes.0.fiches.0.indicators.0.targets'],
  ['a target year « 24 »', (p) => (indicator(p)['targets'] = { '24': 100 }), 'axes.0.fiches.0.indicators.0.targets'],
  ['a target nested', (p) => (indicator(p)['targets'] = { '2024': { a: 1 } }), 'axes.0.fiches.0.indicators.0.targets'],
  [
    'a target year out of the period',
    (p) => (indicator(p)['targets'] = { '2030': 1 }),
    'axes.0.fiches.0.indicators.0.targets.2030',
  ],
  ['a negative target', (p) => (indicator(p)['targets'] = { '2025': -1 }), 'axes.0.fiches.0.indicators.0.targets.2025'],
  [
    'a huge target',
    (p) => (indicator(p)['targets'] = { '2025': PLAN_LIMITS.targetMax + 1 }),
    'axes.0.fiches.0.indicators.0.targets.2025',
  ],
  [
    'too many indicators',
    (p) =>
      (p.axes[0]!.fiches[0]!.indicators = Array.from({ length: PLAN_LIMITS.indicatorsPerFiche + 1 }, () => ({
        ...p.axes[0]!.fiches[0]!.indicators[0]!,
      }))),
    'axes.0.fiches.0.indicators',
  ],
  ['an unknown field', (p) => (raw(p)['owner'] = 'moi'), 'owner'],
  ['expectedUpdatedAt not a date', (p) => (raw(p)['expectedUpdatedAt'] = 'hier'), 'expectedUpdatedAt'],
];

describe('bad input on the plan', () => {
  let api: ApiTest;
  let admin: SignedInClient;
  let path: string;
  before(async () => {
    api = await startApiTest();
    admin = await clientWithRole(api.owner, api.t.http, api.tenant, 'admin');
    path = `/api/v1/tenants/${api.tenant.slug}/plan`;
  });
  after(() => api.close());

  for (const [why, change, field] of CASES) {
    it(`${why}: 400 naming ${field}`, async () => {
      const body = samplePlanWrite() as Mutable;
      change(body);
      const res = await admin.put(path, body);
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.code, 'invalid_parameter');
      const named = [res.body.parameter, ...((res.body.fields ?? []) as { field: string }[]).map((f) => f.field)];
      assert.ok(named.includes(field), `${field} not in ${named.join(', ')}`);
    });
  }

  it('a body nested deeper than allowed: 400, never 500', async () => {
    const body = samplePlanWrite() as Mutable;
    let deep: unknown = 1;
    for (let i = 0; i < 40; i++) deep = { a: deep };
    indicator(body)['targets'] = { '2024': deep };
    const res = await admin.put(path, body);
    assert.equal(res.status, 400);
  });

  it('nothing was written by the refused bodies', async () => {
    assert.equal((await api.t.http.get(path)).status, 404);
  });
});
