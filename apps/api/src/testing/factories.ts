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
