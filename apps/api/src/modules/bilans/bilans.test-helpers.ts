// A small world for bilans' tests: structure A with a member, structure B with one, an agent, an
// offer of A with sessions, and helpers to write registrations by hand (the figures' dataset) and
// bilans in a given state.
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { clientWithRole, type SignedInClient } from '../../testing/accounts.js';
import { makeOffer, makeOrganization, makeSelectedApplication } from '../../testing/factories.js';
import type { ApiTest } from '../../testing/test-app.js';

export interface BilansWorld {
  base: string;
  orgA: string;
  orgB: string;
  member: SignedInClient;
  otherMember: SignedInClient;
  agent: SignedInClient;
  sql: <R>(text: string, params?: unknown[]) => Promise<R[]>;
  offer: () => Promise<string>;
  session: (offerId: string, startsAt: string, capacity: number) => Promise<string>;
  person: (p: {
    sex?: string | null;
    age?: string | null;
    situation?: string | null;
    anonymised?: boolean;
  }) => Promise<string>;
  register: (r: {
    offerId: string;
    sessionId?: string | null;
    personId: string;
    channel: 'self' | 'prescription';
    status: string;
    attendance?: string | null;
    outcome?: string | null;
    createdAt: string;
  }) => Promise<void>;
  /** A bilan of an offer of A in `status` (submittable when open: « ce qui a fonctionné » filled). */
  bilan: (status: string, o?: { offerId?: string; dueOn?: string; openedDaysAgo?: number }) => Promise<string>;
  /** A running agreement of A on `offerId`, with a budget question answered; its id. */
  agreement: (offerId: string) => Promise<string>;
}

export async function bilansWorld(api: ApiTest): Promise<BilansWorld> {
  const { owner, tenant, t } = api;
  const orgA = await makeOrganization(owner, tenant);
  const orgB = await makeOrganization(owner, tenant);
  const sql = <R>(text: string, params: unknown[] = []) =>
    inTenantTransaction(owner, tenant.id, async () => (await owner.query(text, params)).rows as R[]);
  let year = 1990;
  return {
    base: `/api/v1/tenants/${tenant.slug}`,
    orgA,
    orgB,
    member: await clientWithRole(owner, t.http, tenant, 'structure_admin', orgA),
    otherMember: await clientWithRole(owner, t.http, tenant, 'structure_admin', orgB),
    agent: await clientWithRole(owner, t.http, tenant, 'agent'),
    sql,
    offer: () => makeOffer(owner, tenant, orgA),
    session: async (offerId, startsAt, capacity) =>
      (
        await sql<{ id: string }>(
          `INSERT INTO offer_session (tenant_id, offer_id, starts_at, capacity) VALUES ($1, $2, $3, $4) RETURNING id`,
          [tenant.id, offerId, startsAt, capacity],
        )
      )[0]!.id,
    person: async (p) =>
      (
        await sql<{ id: string }>(
          `INSERT INTO registration_person (tenant_id, first_name, last_name, sex, age_band, situation, anonymised_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
          [
            tenant.id,
            p.anonymised ? 'Anonyme' : 'Camille',
            p.anonymised ? 'Anonyme' : 'Martin',
            p.sex ?? null,
            p.age ?? null,
            p.situation ?? null,
            p.anonymised ? new Date() : null,
          ],
        )
      )[0]!.id,
    register: async (r) => {
      await sql(
        `INSERT INTO registration (tenant_id, offer_id, session_id, person_id, channel, status, attendance, outcome, created_at,
                                   consent_how, consent_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          tenant.id,
          r.offerId,
          r.sessionId ?? null,
          r.personId,
          r.channel,
          r.status,
          r.attendance ?? null,
          r.outcome ?? null,
          r.createdAt,
          r.channel === 'prescription' ? 'oral' : null,
          r.channel === 'prescription' ? r.createdAt : null,
        ],
      );
    },
    bilan: async (status, o = {}) => {
      const offerId = o.offerId ?? (await makeOffer(owner, tenant, orgA));
      const frozen = status === 'submitted' || status === 'validated';
      return (
        await sql<{ id: string }>(
          `INSERT INTO bilan (tenant_id, offer_id, organization_id, year, period_start, period_end, due_on, status, what_worked,
                              computed, opened_at)
           VALUES ($1, $2, $3, $4, '2026-01-01', '2026-12-31', $5, $6, 'L’accueil', $7, now() - make_interval(days => $8))
           RETURNING id`,
          [
            tenant.id,
            offerId,
            orgA,
            year++,
            o.dueOn ?? '2027-01-31',
            status,
            frozen ? '{}' : null,
            o.openedDaysAgo ?? 0,
          ],
        )
      )[0]!.id;
    },
    agreement: async (offerId) => {
      const s = await makeSelectedApplication(owner, tenant, orgA, {
        amountCents: 800_000,
        questions: [{ key: 'budget', label: 'Budget prévisionnel', type: 'budget_table', required: true }],
        answers: {
          budget: [
            { label: 'Salaires', amount: 6000 },
            { label: 'Location de véhicules', amount: 2000 },
          ],
        },
      });
      return (
        await sql<{ id: string }>(
          `INSERT INTO agreement (tenant_id, application_id, call_id, organization_id, status, title, amount_cents, starts_on,
                                  ends_on, payment_schedule, indicators, bilan_due_dates, signed_storage_key, offer_id)
           VALUES ($1, $2, $3, $4, 'running', 'Garage solidaire', 800000, '2026-01-01', '2026-12-31', $5, $6,
                   '{2027-01-31}', $7, $8) RETURNING id`,
          [
            tenant.id,
            s.applicationId,
            s.callId,
            orgA,
            JSON.stringify([
              { label: 'Avance', amountCents: 500_000, dueOn: '2026-01-15' },
              { label: 'Solde', amountCents: 300_000, dueOn: '2099-01-31' },
            ]),
            JSON.stringify([{ indicatorId: null, label: 'Sorties vers l’emploi', unit: 'personnes', target: 10 }]),
            `agreements/2026/01/${crypto.randomUUID()}`,
            offerId,
          ],
        )
      )[0]!.id;
    },
  };
}
