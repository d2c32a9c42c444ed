// A small world for the report's tests: a tenant with a plan whose fiches have manual and computed
// indicators, agents, and agreements written straight in the database.
import type { Plan, PlanWrite } from '@catalogue/contracts';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { clientWithRole, type SignedInClient } from '../../testing/accounts.js';
import { makeOrganization, makePlan, makeSelectedApplication } from '../../testing/factories.js';
import type { ApiTest } from '../../testing/test-app.js';
import { createTenant, type TestTenant } from '../../testing/test-database.js';
import { TenantDirectory } from '../../common/tenancy/tenant-directory.js';

export const reportPlan = (year: number): PlanWrite => ({
  name: 'Plan d’insertion de test',
  periodStart: year - 1,
  periodEnd: year + 1,
  axes: [
    {
      number: 1,
      title: 'Accompagner vers l’emploi',
      fiches: [
        {
          number: '1',
          title: 'Orientation des allocataires',
          description: 'Orienter vite les nouveaux entrants.',
          objective: 'Connaître la situation des personnes.',
          publicText: 'Nouveaux entrants au RSA',
          means: 'Département, missions locales',
          indicators: [
            { label: 'Réunions d’information', unit: 'réunions', measure: 'manual', targets: { [year]: 10 } },
            { label: 'Personnes accompagnées', unit: 'personnes', measure: 'registrations', targets: { [year]: 100 } },
          ],
        },
        {
          number: '2',
          title: 'Ateliers collectifs',
          indicators: [{ label: 'Ateliers tenus', unit: 'ateliers', measure: 'manual', targets: { [year]: 4 } }],
        },
      ],
    },
    { number: 2, title: 'Associer les entreprises', fiches: [{ number: '3', title: 'Parrainage', indicators: [] }] },
  ],
});

export interface ReportsWorld {
  tenant: TestTenant;
  base: string;
  agent: SignedInClient;
  admin: SignedInClient;
  member: SignedInClient;
  org: string;
  plan: Plan;
  fiche: (number: string) => Plan['axes'][number]['fiches'][number];
  /** An agreement of `org` in `status`, its call serving `ficheIds`. */
  agreement: (o: {
    ficheIds: string[];
    amountCents: number;
    status: 'draft' | 'sent' | 'signed' | 'running' | 'closed';
    startsOn: string;
    endsOn: string;
    schedule: { amountCents: number; dueOn: string }[];
  }) => Promise<string>;
}

export async function reportsWorld(api: ApiTest, year: number): Promise<ReportsWorld> {
  const tenant = await createTenant(api.owner);
  api.t.app.get(TenantDirectory).invalidate();
  await makePlan(api.owner, tenant, reportPlan(year));
  const base = `/api/v1/tenants/${tenant.slug}`;
  const plan = (await api.t.http.get(`${base}/plan`)).body as Plan;
  const org = await makeOrganization(api.owner, tenant);
  return {
    tenant,
    base,
    agent: await clientWithRole(api.owner, api.t.http, tenant, 'agent'),
    admin: await clientWithRole(api.owner, api.t.http, tenant, 'admin'),
    member: await clientWithRole(api.owner, api.t.http, tenant, 'structure_member', org),
    org,
    plan,
    fiche: (n) => plan.axes.flatMap((a) => a.fiches).find((f) => f.number === n)!,
    agreement: async (o) => {
      const s = await makeSelectedApplication(api.owner, tenant, org, {
        ficheIds: o.ficheIds,
        amountCents: o.amountCents,
      });
      return inTenantTransaction(api.owner, tenant.id, async () => {
        const signed = ['signed', 'running', 'closed'].includes(o.status);
        const { rows } = await api.owner.query<{ id: string }>(
          `INSERT INTO agreement (tenant_id, application_id, call_id, organization_id, status, title, amount_cents,
                                  starts_on, ends_on, payment_schedule, signed_storage_key)
           VALUES ($1, $2, $3, $4, $5, 'Action de test', $6, $7, $8, $9, $10) RETURNING id`,
          [
            tenant.id,
            s.applicationId,
            s.callId,
            org,
            o.status,
            o.amountCents,
            o.startsOn,
            o.endsOn,
            JSON.stringify(o.schedule.map((t, i) => ({ label: `Tranche ${i + 1}`, ...t }))),
            signed ? `agreements/test/${crypto.randomUUID()}` : null,
          ],
        );
        return rows[0]!.id;
      });
    },
  };
}
