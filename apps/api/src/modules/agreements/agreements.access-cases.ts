// Who may do what with agreements, route by route. Each cell gets a fresh agreement of structure A
// in the state its route needs: agents adjust, send and close; A's members read and sign; anyone
// else sees nothing (404).
import type { AgreementStatus } from '@catalogue/contracts';
import { signedIn, type AccessCase, type MatrixContext, type MatrixRole } from '../../common/access/access-cases.js';
import { renderPdf } from '../../common/pdf/pdf-document.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { makeSelectedApplication } from '../../testing/factories.js';

/** Agents and A's members read; anyone else does not see it. */
const readers = (ok: number): Record<MatrixRole, number> =>
  signedIn(404, { agent: ok, admin: ok, org_admin: ok, org_member: ok });
/** Agents act; A's members may read it, so they are refused rather than left in the dark. */
const agents = (ok: number): Record<MatrixRole, number> =>
  signedIn(404, { agent: ok, admin: ok, org_admin: 403, org_member: 403 });

async function freshAgreement(c: MatrixContext, status: AgreementStatus): Promise<string> {
  const s = await makeSelectedApplication(c.owner, c.tenant, c.orgA);
  const signed = status === 'signed' || status === 'running' || status === 'closed';
  return inTenantTransaction(c.owner, c.tenant.id, async () => {
    const { rows } = await c.owner.query<{ id: string }>(
      `INSERT INTO agreement (tenant_id, application_id, call_id, organization_id, status, title, amount_cents, starts_on, ends_on,
                              payment_schedule, signed_storage_key)
       VALUES ($1, $2, $3, $4, $5, 'Action de test', $6, current_date + 30, current_date + 395, $7, $8) RETURNING id`,
      [
        c.tenant.id,
        s.applicationId,
        s.callId,
        c.orgA,
        status,
        s.amountCents,
        JSON.stringify([{ label: 'Versement unique', amountCents: s.amountCents, dueOn: '2027-06-01' }]),
        signed ? `agreements/2026/12/${crypto.randomUUID()}` : null,
      ],
    );
    return rows[0]!.id;
  });
}

const on = (status: AgreementStatus, suffix: string, body?: object) => async (c: MatrixContext) => ({
  path: `/tenants/${c.tenant.slug}/agreements/${await freshAgreement(c, status)}${suffix}`,
  ...(body ? { body } : {}),
});

let pdf: Buffer | undefined;

export const AGREEMENTS_CASES: AccessCase[] = [
  {
    route: 'GET /tenants/:slug/agreements',
    expect: readers(200),
    request: (c) => ({ path: `/tenants/${c.tenant.slug}/agreements?organizationId=${c.orgA}` }),
  },
  { route: 'GET /tenants/:slug/agreements/:id', expect: readers(200), request: on('draft', '') },
  { route: 'GET /tenants/:slug/agreements/:id.pdf', expect: readers(200), request: on('sent', '.pdf') },
  {
    route: 'PATCH /tenants/:slug/agreements/:id',
    expect: agents(200),
    request: on('draft', '', { title: 'Action ajustée', version: 1 }),
  },
  { route: 'POST /tenants/:slug/agreements/:id/send', expect: agents(200), request: on('draft', '/send') },
  {
    route: 'POST /tenants/:slug/agreements/:id/signed',
    expect: readers(200),
    request: async (c) => {
      pdf ??= await renderPdf({ issuer: 'Test', title: 'Signée', blocks: [] });
      return { ...(await on('sent', '/signed')(c)), upload: { file: pdf, name: 'signee.pdf' } };
    },
  },
  { route: 'POST /tenants/:slug/agreements/:id/close', expect: agents(200), request: on('running', '/close') },
];
