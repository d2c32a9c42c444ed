// Small factories: each test builds the catalogue it needs, in its own tenant.
import type pg from 'pg';
import { withLuhnCheckDigit, type AccessMode, type OfferStatus, type ZoneType } from '@catalogue/domain';
import {
  inTenantTransaction,
  upsertOffer,
  upsertOrganization,
  type SessionInput,
} from '../database/catalogue-writer.js';
import type { TestTenant } from './test-database.js';
import type { PlanWrite } from '@catalogue/contracts';
import { writePlan } from '../modules/plan/plan-store.js';

let counter = 0;
const next = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export interface CommunePoint {
  insee: string;
  name: string;
  lat: number;
  lng: number;
  epci: string | null;
}

/** The communes of the tenant's département, most populated first. */
export async function communesOf(owner: pg.Client, tenant: TestTenant): Promise<CommunePoint[]> {
  const { rows } = await owner.query<CommunePoint>(
    `SELECT insee, name, lat, lng, epci FROM commune WHERE departement = $1 ORDER BY population DESC`,
    [tenant.code],
  );
  return rows;
}

/** A valid SIRET no other test uses. */
export const freshSiret = (): string => withLuhnCheckDigit(String(Math.floor(Math.random() * 1e13)).padStart(13, '1'));

export async function makeOrganization(
  owner: pg.Client,
  tenant: TestTenant,
  overrides: {
    name?: string;
    communeInsee?: string;
    siret?: string;
    status?: 'pending' | 'validated' | 'rejected';
  } = {},
) {
  return inTenantTransaction(owner, tenant.id, () =>
    upsertOrganization(owner, tenant.id, {
      sourceKey: `org-${next()}`,
      name: overrides.name ?? `Structure ${next()}`,
      kind: 'association',
      status: overrides.status ?? 'validated',
      siret: overrides.siret ?? withLuhnCheckDigit('1234567890123'),
      description: 'Association de test',
      address: '1 place de la Mairie',
      communeInsee: overrides.communeInsee ?? null,
    }),
  );
}

export interface OfferOverrides {
  title?: string;
  summary?: string;
  description?: string;
  themes?: string[];
  audiences?: string[];
  access?: AccessMode;
  modes?: string[];
  status?: OfferStatus;
  places?: CommunePoint[];
  zoneType?: ZoneType;
  zoneCodes?: string[];
  sessions?: SessionInput[];
  organizationName?: string;
}

export async function makeOffer(
  owner: pg.Client,
  tenant: TestTenant,
  organizationId: string,
  o: OfferOverrides = {},
): Promise<string> {
  return inTenantTransaction(owner, tenant.id, () =>
    upsertOffer(owner, tenant, {
      sourceKey: `offer-${next()}`,
      organizationId,
      organizationName: o.organizationName ?? 'Structure de test',
      status: o.status ?? 'published',
      title: o.title ?? `Action ${next()}`,
      summary: o.summary ?? 'Une action de test',
      description: o.description ?? '',
      themes: o.themes ?? ['remobilisation--lien-social'],
      audiences: o.audiences ?? ['beneficiaires-des-minimas-sociaux'],
      serviceTypes: ['accompagnement'],
      eligibility: '',
      cost: 'gratuit',
      modes: o.modes ?? ['en-presentiel'],
      access: o.access ?? 'prescription',
      mobilisation: ['telephoner'],
      zoneType: o.zoneType ?? 'departement',
      zoneCodes: o.zoneCodes ?? [],
      funding: ['pdi'],
      places: (o.places ?? []).map((c) => ({
        address: '1 rue de la Gare',
        communeInsee: c.insee,
        communeName: c.name,
        lat: c.lat,
        lng: c.lng,
      })),
      sessions: o.sessions ?? [],
    }),
  );
}

/** A small plan (2 axes, fiches 1, 2 and 3, one indicator) as PUT …/plan takes it. */
export const samplePlanWrite = (): PlanWrite => ({
  name: 'Plan départemental d’insertion 2024-2027',
  periodStart: 2024,
  periodEnd: 2027,
  source: 'Délibération du conseil départemental',
  axes: [
    {
      number: 1,
      title: 'Accompagner vers l’emploi',
      fiches: [
        {
          number: '1',
          title: 'Lever les freins périphériques',
          objective: 'Mobilité, garde d’enfants, logement',
          indicators: [
            {
              label: 'Personnes accompagnées',
              unit: 'personnes',
              measure: 'registrations',
              targets: { '2024': 100, '2025': 120 },
            },
          ],
        },
        { number: '2', title: 'Accueils collectifs de proximité', indicators: [] },
      ],
    },
    { number: 2, title: 'Associer les entreprises', fiches: [{ number: '3', title: 'Parrainage', indicators: [] }] },
  ],
});

/** The tenant's current plan, written as the plan module writes it (the sample plan when none is given). */
export async function makePlan(owner: pg.Client, tenant: TestTenant, plan: PlanWrite = samplePlanWrite()) {
  return inTenantTransaction(owner, tenant.id, () => writePlan(owner, tenant.id, plan));
}

export interface CallOverrides {
  title?: string;
  status?: 'draft' | 'published' | 'closed' | 'decided' | 'withdrawn';
  /** Default: a day ago. */
  opensAt?: Date;
  /** Default: in 30 days. */
  closesAt?: Date;
  questions?: import('@catalogue/contracts').CallQuestion[];
  documents?: import('@catalogue/contracts').CallDocumentRequirement[];
  grid?: import('@catalogue/contracts').GridCriterion[];
  envelopeCents?: number;
  ficheIds?: string[];
}

/** A call for projects written straight in the database (published and open by default). */
export async function makeCall(owner: pg.Client, tenant: TestTenant, o: CallOverrides = {}): Promise<string> {
  return inTenantTransaction(owner, tenant.id, async () => {
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO funding_call (tenant_id, status, title, context, envelope_cents, opens_at, closes_at, questions, documents, grid, published_at)
       VALUES ($1, $2, $3, 'Contexte de test', $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb, CASE WHEN $2 <> 'draft' THEN now() END)
       RETURNING id`,
      [
        tenant.id,
        o.status ?? 'published',
        o.title ?? `Appel à projets ${next()}`,
        o.envelopeCents ?? 10_000_000,
        o.opensAt ?? new Date(Date.now() - 86_400_000),
        o.closesAt ?? new Date(Date.now() + 30 * 86_400_000),
        JSON.stringify(
          o.questions ?? [{ key: 'project_title', label: 'Titre du projet', type: 'short_text', required: true }],
        ),
        JSON.stringify(o.documents ?? []),
        JSON.stringify(o.grid ?? [{ key: 'quality', label: 'Qualité du projet', weight: 1, scale: 5 }]),
      ],
    );
    const id = rows[0]!.id;
    for (const fiche of o.ficheIds ?? [])
      await owner.query(`INSERT INTO funding_call_fiche (tenant_id, call_id, fiche_id) VALUES ($1, $2, $3)`, [
        tenant.id,
        id,
        fiche,
      ]);
    return id;
  });
}

/** Assigns an agent to instruct a call. */
export async function assignInstructor(owner: pg.Client, tenant: TestTenant, callId: string, userId: string) {
  await inTenantTransaction(owner, tenant.id, () =>
    owner.query(`INSERT INTO funding_call_instructor (tenant_id, call_id, user_id) VALUES ($1, $2, $3)`, [
      tenant.id,
      callId,
      userId,
    ]),
  );
}

// ---- Plans, calls and selected applications (issue 14) -------------------------------------------

/** A plan (not the current one: tests may make several) with one axis, one fiche and its indicator. */
export async function makePlanFiche(
  owner: pg.Client,
  tenant: TestTenant,
  o: {
    number?: string;
    title?: string;
    indicator?: { label: string; unit: string; targets: Record<string, number> };
  } = {},
): Promise<{ ficheId: string; indicatorId: string }> {
  return inTenantTransaction(owner, tenant.id, async () => {
    const plan = await owner.query<{ id: string }>(
      `INSERT INTO insertion_plan (tenant_id, name, period_start, period_end, is_current) VALUES ($1, 'Plan de test', 2025, 2029, false) RETURNING id`,
      [tenant.id],
    );
    const axis = await owner.query<{ id: string }>(
      `INSERT INTO plan_axis (tenant_id, plan_id, number, title) VALUES ($1, $2, 1, 'Lever les freins à l’emploi') RETURNING id`,
      [tenant.id, plan.rows[0]!.id],
    );
    const fiche = await owner.query<{ id: string }>(
      `INSERT INTO plan_fiche (tenant_id, plan_id, axis_id, number, title) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [tenant.id, plan.rows[0]!.id, axis.rows[0]!.id, o.number ?? '7', o.title ?? 'Mobilité des allocataires'],
    );
    const i = o.indicator ?? { label: 'Personnes accompagnées', unit: 'personnes', targets: {} };
    const indicator = await owner.query<{ id: string }>(
      `INSERT INTO plan_indicator (tenant_id, fiche_id, label, unit, measure, targets) VALUES ($1, $2, $3, $4, 'manual', $5) RETURNING id`,
      [tenant.id, fiche.rows[0]!.id, i.label, i.unit, JSON.stringify(i.targets)],
    );
    return { ficheId: fiche.rows[0]!.id, indicatorId: indicator.rows[0]!.id };
  });
}

export interface SelectedApplicationOverrides {
  callTitle?: string;
  ficheIds?: string[];
  eligiblePublics?: string[];
  territory?: { kind: 'department' | 'epci' | 'communes'; codes: string[] };
  questions?: object[];
  answers?: Record<string, unknown>;
  amountCents?: number;
}

/** A decided call and one application of `organizationId` selected in it (amount granted = requested). */
export async function makeSelectedApplication(
  owner: pg.Client,
  tenant: TestTenant,
  organizationId: string,
  o: SelectedApplicationOverrides = {},
): Promise<{ callId: string; applicationId: string; amountCents: number; ficheIds: string[] }> {
  const amountCents = o.amountCents ?? 1_250_000;
  return inTenantTransaction(owner, tenant.id, async () => {
    const call = await owner.query<{ id: string }>(
      `INSERT INTO funding_call (tenant_id, status, title, eligible_publics, territory, envelope_cents, opens_at, closes_at, questions, decided_at)
       VALUES ($1, 'decided', $2, $3, $4, $5, now() - interval '60 days', now() - interval '30 days', $6, now()) RETURNING id`,
      [
        tenant.id,
        o.callTitle ?? `Appel à projets ${next()}`,
        o.eligiblePublics ?? [],
        JSON.stringify(o.territory ?? { kind: 'department', codes: [] }),
        amountCents * 4,
        JSON.stringify(o.questions ?? []),
      ],
    );
    const callId = call.rows[0]!.id;
    for (const ficheId of o.ficheIds ?? [])
      await owner.query(`INSERT INTO funding_call_fiche (tenant_id, call_id, fiche_id) VALUES ($1, $2, $3)`, [
        tenant.id,
        callId,
        ficheId,
      ]);
    const app = await owner.query<{ id: string }>(
      `INSERT INTO application (tenant_id, call_id, organization_id, status, answers, amount_requested_cents, amount_granted_cents, submitted_at, decided_at)
       VALUES ($1, $2, $3, 'selected', $4, $5, $5, now() - interval '40 days', now()) RETURNING id`,
      [tenant.id, callId, organizationId, JSON.stringify(o.answers ?? {}), amountCents],
    );
    return { callId, applicationId: app.rows[0]!.id, amountCents, ficheIds: o.ficheIds ?? [] };
  });
}
