// Who may do what with bilans, route by route. Each cell gets a fresh bilan of structure A (on a
// fresh offer of A, outside agreements) in the state its route needs: A's members fill and submit
// it, the tenant's agents review it; anyone else sees nothing (404), another tenant included.
import type { BilanStatus } from '@catalogue/contracts';
import { signedIn, type AccessCase, type MatrixContext, type MatrixRole } from '../../common/access/access-cases.js';
import { renderPdf } from '../../common/pdf/pdf-document.js';
import { FileStorage } from '../../common/storage/file-storage.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { makeOffer } from '../../testing/factories.js';

/** Agents and A's members read; anyone else does not see it. */
const readers = (ok: number): Record<MatrixRole, number> =>
  signedIn(404, { agent: ok, admin: ok, org_admin: ok, org_member: ok });
/** A's members write; agents may read it, so they are refused rather than left in the dark. */
const members = (ok: number): Record<MatrixRole, number> =>
  signedIn(404, { org_admin: ok, org_member: ok, agent: 403, admin: 403 });
/** Agents review; A's members may read it, so they are refused. */
const agents = (ok: number): Record<MatrixRole, number> =>
  signedIn(404, { agent: ok, admin: ok, org_admin: 403, org_member: 403 });

async function freshBilan(c: MatrixContext, status: BilanStatus, withDocument = false) {
  const offer = await makeOffer(c.owner, c.tenant, c.orgA);
  const submitted = status === 'submitted' || status === 'validated';
  const storage = withDocument ? await c.t.app.get(FileStorage).put('bilans', await pdf()) : null;
  return inTenantTransaction(c.owner, c.tenant.id, async () => {
    const { rows } = await c.owner.query<{ id: string }>(
      `INSERT INTO bilan (tenant_id, offer_id, organization_id, year, period_start, period_end, due_on, status, what_worked,
                          computed, submitted_at)
       VALUES ($1, $2, $3, 2026, '2026-01-01', '2026-12-31', '2027-01-31', $4, 'L’accueil', $5, $6) RETURNING id`,
      [c.tenant.id, offer, c.orgA, status, submitted ? '{}' : null, submitted ? new Date() : null],
    );
    const id = rows[0]!.id;
    let docId: string | null = null;
    if (storage) {
      const d = await c.owner.query<{ id: string }>(
        `INSERT INTO bilan_document (tenant_id, bilan_id, file_name, media_type, size_bytes, sha256, storage_key)
         VALUES ($1, $2, 'bilan.pdf', 'application/pdf', $3, $4, $5) RETURNING id`,
        [c.tenant.id, id, storage.sizeBytes, storage.sha256, storage.key],
      );
      docId = d.rows[0]!.id;
    }
    return { id, offer, docId };
  });
}

let pdfBytes: Buffer | undefined;
const pdf = async () => (pdfBytes ??= await renderPdf({ issuer: 'Test', title: 'Bilan', blocks: [] }));

const on = (status: BilanStatus, suffix: string, body?: object) => async (c: MatrixContext) => ({
  path: `/tenants/${c.tenant.slug}/bilans/${(await freshBilan(c, status)).id}${suffix}`,
  ...(body ? { body } : {}),
});
const onDocument = (status: BilanStatus) => async (c: MatrixContext) => {
  const b = await freshBilan(c, status, true);
  return { path: `/tenants/${c.tenant.slug}/bilans/${b.id}/documents/${b.docId}` };
};

export const BILANS_CASES: AccessCase[] = [
  {
    route: 'GET /tenants/:slug/bilans',
    // `mine`: each structure its own, agents none of their own; strangers to the tenant nothing.
    expect: signedIn(404, { org_admin: 200, org_member: 200, other_org: 200, agent: 200, admin: 200 }),
    request: (c) => ({ path: `/tenants/${c.tenant.slug}/bilans?view=mine` }),
  },
  {
    route: 'POST /tenants/:slug/bilans',
    expect: signedIn(403, { agent: 201, admin: 201, other_agent: 404, platform_admin: 404 }),
    request: async (c) => ({
      path: `/tenants/${c.tenant.slug}/bilans`,
      body: {
        offerId: await makeOffer(c.owner, c.tenant, c.orgA),
        year: 2027,
        periodStart: '2027-01-01',
        periodEnd: '2027-12-31',
        dueOn: '2028-01-31',
      },
    }),
  },
  { route: 'GET /tenants/:slug/bilans/:id', expect: readers(200), request: on('open', '') },
  {
    route: 'PATCH /tenants/:slug/bilans/:id',
    expect: members(200),
    request: on('open', '', { version: 1, outlook: 'Continuer' }),
  },
  { route: 'POST /tenants/:slug/bilans/:id/submit', expect: members(200), request: on('open', '/submit') },
  {
    route: 'POST /tenants/:slug/bilans/:id/request-changes',
    expect: agents(200),
    request: on('submitted', '/request-changes', { message: 'Précisez les dépenses.' }),
  },
  { route: 'POST /tenants/:slug/bilans/:id/validate', expect: agents(200), request: on('submitted', '/validate') },
  { route: 'POST /tenants/:slug/bilans/:id/open', expect: agents(200), request: on('to_come', '/open') },
  {
    route: 'POST /tenants/:slug/bilans/:id/documents',
    expect: members(201),
    request: async (c) => ({
      ...(await on('open', '/documents')(c)),
      upload: { file: await pdf(), name: 'bilan.pdf' },
    }),
  },
  { route: 'GET /tenants/:slug/bilans/:id/documents/:docId', expect: readers(200), request: onDocument('submitted') },
  { route: 'DELETE /tenants/:slug/bilans/:id/documents/:docId', expect: members(204), request: onDocument('open') },
];
