// The demo Drôme's execution report for the demo year (npm test loads the demo like npm start): a
// newcomer finds progress texts, amounts voted, targets carried from 2019 and achieved values.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ExecutionReport } from '@catalogue/contracts';
import { clientWithRole } from '../testing/accounts.js';
import { startApiTest, type ApiTest } from '../testing/test-app.js';
import { ensureDemoReport } from './demo-report.js';
import { inTenantTransaction } from '../database/catalogue-writer.js';

describe('demo execution report', () => {
  let api: ApiTest;
  let report: ExecutionReport;
  let tenantId: string;
  const year = Number(new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date()));
  const fiche = (n: string) => report.axes.flatMap((a) => a.fiches).find((f) => f.number === n)!;
  before(async () => {
    api = await startApiTest();
    tenantId = (await api.owner.query<{ id: string }>(`SELECT id FROM tenant WHERE slug = 'drome'`)).rows[0]!.id;
    const agent = await clientWithRole(api.owner, api.t.http, { id: tenantId }, 'agent');
    const res = await agent.get(`/api/v1/tenants/drome/reports/execution?year=${year}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    report = res.body as ExecutionReport;
  });
  after(() => api.close());

  it('has a progress text for every fiche, and the amounts the 2019 report gives', () => {
    const fiches = report.axes.flatMap((a) => a.fiches);
    assert.equal(fiches.length, 20);
    for (const f of fiches) assert.ok(f.progress.length > 40, `fiche ${f.number} has a progress text`);
    assert.equal(fiche('7').funding.voted, 1_949_709);
    assert.equal(fiche('14').funding.voted, 80_000);
    assert.equal(fiche('7').publicText, 'Nouveaux entrants dans le dispositif RSA');
    assert.ok(report.summary.total.funding.committed > 0, 'the demo agreements commit money this year');
  });

  it('carries the 2019 targets to the demo year and shows achieved values beside them', () => {
    const pec = fiche('14').indicators.find((i) => i.label === 'Nombre de contrats PEC signés')!;
    assert.deepEqual([pec.target, pec.achieved, pec.source], [70, 68, 'manual']);
    const rate = fiche('1').indicators.find((i) => i.label.startsWith('Taux de contractualisation'))!;
    assert.deepEqual([rate.target, rate.achieved], [60, 60.38]);
    assert.ok(report.summary.total.measured >= 4);
    const withTargets = report.axes
      .flatMap((a) => a.fiches.flatMap((f) => f.indicators))
      .filter((i) => i.target !== null);
    assert.ok(withTargets.length >= 11, `${withTargets.length} indicators with a target`);
  });

  it('runs again without changing what is there (an agent’s edit is kept)', async () => {
    const f1 = fiche('1');
    await inTenantTransaction(api.owner, tenantId, async () => {
      await api.owner.query(
        `UPDATE plan_fiche_year SET progress = 'Texte de l’agent' WHERE tenant_id = $1 AND fiche_id = $2 AND year = $3`,
        [tenantId, f1.id, year],
      );
      assert.equal(await ensureDemoReport(api.owner, { id: tenantId, slug: 'drome' }), 0);
      const { rows } = await api.owner.query<{ progress: string }>(
        `SELECT progress FROM plan_fiche_year WHERE tenant_id = $1 AND fiche_id = $2 AND year = $3`,
        [tenantId, f1.id, year],
      );
      assert.equal(rows[0]!.progress, 'Texte de l’agent');
      // Put back as it was for the other tests.
      await api.owner.query(
        `UPDATE plan_fiche_year SET progress = $4 WHERE tenant_id = $1 AND fiche_id = $2 AND year = $3`,
        [tenantId, f1.id, year, f1.progress],
      );
    });
  });
});
