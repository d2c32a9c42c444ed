// Shared set-up of the calls' tests: a tenant with a plan (one axis, two fiches), agents, an admin,
// validated structures and their members; a complete call body; applications written straight in
// the database (the applications module is not what these tests are about).
import type pg from 'pg';
import type { CallWrite } from '@catalogue/contracts';
import { clientWithRole, type SignedInClient } from '../../testing/accounts.js';
import { makeOrganization } from '../../testing/factories.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import type { ApiTest } from '../../testing/test-app.js';
import type { TestTenant } from '../../testing/test-database.js';

/** A plan with one axis and two fiches in `tenant`; the fiches' ids. */
export async function makePlanFiches(owner: pg.Client, tenant: Pick<TestTenant, 'id'>): Promise<string[]> {
  return inTenantTransaction(owner, tenant.id, async () => {
    const plan = await owner.query<{ id: string }>(
      `INSERT INTO insertion_plan (tenant_id, name, period_start, period_end) VALUES ($1, 'Plan de test', 2025, 2028) RETURNING id`,
      [tenant.id],
    );
    const axis = await owner.query<{ id: string }>(
      `INSERT INTO plan_axis (tenant_id, plan_id, number, title) VALUES ($1, $2, 1, 'Lever les freins') RETURNING id`,
      [tenant.id, plan.rows[0]!.id],
    );
    const fiches = await owner.query<{ id: string }>(
      `INSERT INTO plan_fiche (tenant_id, plan_id, axis_id, number, position, title)
       VALUES ($1, $2, $3, '1', 0, 'Mobilité'), ($1, $2, $3, '2', 1, 'Garde d’enfants') RETURNING id`,
      [tenant.id, plan.rows[0]!.id, axis.rows[0]!.id],
    );
    return fiches.rows.map((r) => r.id);
  });
}

/** A call that can be published as it is (deadline in `days` days). */
export function completeCall(fiches: string[], o: { days?: number; title?: string } = {}): CallWrite {
  return {
    title: o.title ?? 'Lever les freins à la mobilité',
    context: 'Le département finance des actions de mobilité pour les allocataires du RSA.',
    fiches: fiches.slice(0, 1),
    eligibleKinds: ['association', 'siae'],
    eligiblePublics: ['beneficiaires-des-minimas-sociaux'],
    territory: { kind: 'department', codes: [] },
    envelope: 150_000.5,
    opensAt: new Date(Date.now() - 3_600_000).toISOString(),
    closesAt: new Date(Date.now() + (o.days ?? 30) * 86_400_000).toISOString(),
    questions: [
      { key: 'projet', label: 'Le projet', type: 'long_text', required: true },
      { key: 'partenaires_oui', label: 'Avec des partenaires ?', type: 'yes_no', required: false },
      {
        key: 'partenaires',
        label: 'Les partenaires',
        type: 'repeat',
        required: false,
        fields: [{ key: 'nom', label: 'Nom', type: 'short_text', required: true }],
        showIf: { key: 'partenaires_oui', equals: true },
      },
      { key: 'budget', label: 'Budget', type: 'budget_table', required: true },
    ],
    documents: [{ key: 'statuts', label: 'Statuts', required: true }],
    grid: [
      { key: 'pertinence', label: 'Pertinence', weight: 60, scale: 5, eliminatory: true },
      { key: 'cout', label: 'Coût', weight: 40, scale: 5 },
    ],
  };
}

export interface CallsWorld {
  tenant: TestTenant;
  base: string;
  fiches: string[];
  agent: SignedInClient;
  admin: SignedInClient;
  /** Structure A (opted in to the calls' emails) and its members; B (not opted in) and its member. */
  orgA: string;
  memberA: SignedInClient;
  colleagueA: SignedInClient;
  orgB: string;
  memberB: SignedInClient;
  /** A new call published by the agent; its id. */
  published: (o?: { days?: number; title?: string }) => Promise<string>;
  /** An application of `org` to the call, in `status` (written in the database). */
  application: (callId: string, org: string, status: string) => Promise<string>;
  /** Sets the call's columns straight in the database (dates the tests need). */
  setCall: (callId: string, sql: string) => Promise<void>;
  /** Rows of the tenant's tables, read as the owner within the tenant. */
  rows: <T extends Record<string, unknown>>(sql: string, params: unknown[]) => Promise<T[]>;
}

export async function callsWorld(api: ApiTest): Promise<CallsWorld> {
  const { owner, t, tenant } = api;
  const base = `/api/v1/tenants/${tenant.slug}`;
  const fiches = await makePlanFiches(owner, tenant);
  const orgA = await makeOrganization(owner, tenant);
  const orgB = await makeOrganization(owner, tenant);
  await inTenantTransaction(owner, tenant.id, () =>
    owner.query(`UPDATE organization SET notify_calls = true WHERE tenant_id = $1 AND id = $2`, [tenant.id, orgA]),
  );
  const agent = await clientWithRole(owner, t.http, tenant, 'agent');
  const w: CallsWorld = {
    tenant,
    base,
    fiches,
    agent,
    admin: await clientWithRole(owner, t.http, tenant, 'admin'),
    orgA,
    memberA: await clientWithRole(owner, t.http, tenant, 'structure_admin', orgA),
    colleagueA: await clientWithRole(owner, t.http, tenant, 'structure_member', orgA),
    orgB,
    memberB: await clientWithRole(owner, t.http, tenant, 'structure_admin', orgB),
    published: async (o = {}) => {
      const made = await agent.post(`${base}/calls`, completeCall(fiches, o));
      if (made.status !== 201) throw new Error(`create: ${made.status} ${JSON.stringify(made.body)}`);
      const pub = await agent.post(`${base}/calls/${made.body.id}/publish`);
      if (pub.status !== 200) throw new Error(`publish: ${pub.status} ${JSON.stringify(pub.body)}`);
      return made.body.id as string;
    },
    application: (callId, org, status) =>
      inTenantTransaction(owner, tenant.id, async () => {
        const { rows } = await owner.query<{ id: string }>(
          `INSERT INTO application (tenant_id, call_id, organization_id, status, amount_requested_cents, amount_granted_cents)
           VALUES ($1, $2, $3, $4, 100000, CASE WHEN $4 = 'selected' THEN 50000 END) RETURNING id`,
          [tenant.id, callId, org, status],
        );
        return rows[0]!.id;
      }),
    rows: <T extends Record<string, unknown>>(sql: string, params: unknown[]) =>
      inTenantTransaction(owner, tenant.id, async () => (await owner.query<T>(sql, params)).rows),
    setCall: (callId, sql) =>
      inTenantTransaction(owner, tenant.id, async () => {
        await owner.query(`UPDATE funding_call SET ${sql} WHERE tenant_id = $1 AND id = $2`, [tenant.id, callId]);
      }),
  };
  return w;
}
