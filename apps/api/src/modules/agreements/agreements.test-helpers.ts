// A small world for agreements' tests: a structure with a member, another structure, agents, a plan
// fiche with an indicator, and agreements drafted the way the decision drafts them (AgreementDrafts).
import type { Tenant } from '../../common/tenancy/tenant.js';
import { TenantTransaction } from '../../common/tenancy/tenant-transaction.js';
import { renderPdf } from '../../common/pdf/pdf-document.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { clientWithRole, type SignedInClient } from '../../testing/accounts.js';
import {
  communesOf,
  freshSiret,
  makeOrganization,
  makePlanFiche,
  makeSelectedApplication,
  type SelectedApplicationOverrides,
} from '../../testing/factories.js';
import type { ApiTest } from '../../testing/test-app.js';
import { AgreementDrafts } from './agreement-drafts.js';

export interface AgreementsWorld {
  base: string;
  org: { id: string; name: string; siret: string; commune: string };
  otherOrg: string;
  member: SignedInClient;
  otherMember: SignedInClient;
  agent: SignedInClient;
  fiche: { ficheId: string; indicatorId: string };
  /** A drafted agreement of `org` (or `organizationId`); its id. */
  draft: (o?: SelectedApplicationOverrides & { organizationId?: string }) => Promise<string>;
  sql: <R>(text: string, params?: unknown[]) => Promise<R[]>;
}

export async function agreementsWorld(api: ApiTest): Promise<AgreementsWorld> {
  const { owner, tenant, t } = api;
  const [commune] = await communesOf(owner, tenant);
  const siret = freshSiret();
  const name = `Association Tremplin ${Date.now().toString(36)}`;
  const orgId = await makeOrganization(owner, tenant, { name, siret, communeInsee: commune!.insee });
  const otherOrg = await makeOrganization(owner, tenant);
  const fiche = await makePlanFiche(owner, tenant, {
    indicator: { label: 'Personnes accompagnées vers l’emploi', unit: 'personnes', targets: { 2026: 40, 2027: 45 } },
  });
  const sql = <R>(text: string, params: unknown[] = []) =>
    inTenantTransaction(owner, tenant.id, async () => (await owner.query(text, params)).rows as R[]);
  const drafts = t.app.get(AgreementDrafts);
  const transaction = t.app.get(TenantTransaction);
  const asTenant = { ...tenant, bbox: [0, 0, 0, 0] } as Tenant;
  return {
    base: `/api/v1/tenants/${tenant.slug}`,
    org: { id: orgId, name, siret, commune: commune!.name },
    otherOrg,
    member: await clientWithRole(owner, t.http, tenant, 'structure_admin', orgId),
    otherMember: await clientWithRole(owner, t.http, tenant, 'structure_admin', otherOrg),
    agent: await clientWithRole(owner, t.http, tenant, 'agent'),
    fiche,
    sql,
    draft: async (o = {}) => {
      const organizationId = o.organizationId ?? orgId;
      const s = await makeSelectedApplication(owner, tenant, organizationId, { ficheIds: [fiche.ficheId], ...o });
      return transaction.run(asTenant, () =>
        drafts.createForSelected({
          applicationId: s.applicationId,
          callId: s.callId,
          organizationId,
          title: 'Garage solidaire et auto-école sociale',
          amountCents: s.amountCents,
          decidedAt: new Date(),
          ficheIds: s.ficheIds,
          actorId: null,
        }),
      );
    },
  };
}

/** A real, small PDF (what a scanned signed agreement is, for the type check). */
export const signedPdf = () =>
  renderPdf({ issuer: 'Test', title: 'Convention signée', blocks: [{ kind: 'paragraph', text: 'Lu et approuvé.' }] });

/** The first bytes of a PNG: a file whose content is not a PDF, whatever its name says. */
export const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4280000000049454e44ae426082',
  'hex',
);

/** Uploads `file` as the signed agreement. */
export const uploadSigned = (client: SignedInClient, api: ApiTest, path: string, file: Buffer, name: string) =>
  api.t.http.post(path).set('Cookie', client.cookie).set('X-CSRF-Token', client.csrfToken).attach('file', file, name);
