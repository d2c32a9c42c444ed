// Who may do what with applications, route by route. Each cell gets a fresh call (published, open,
// the matrix's `agent` assigned as its instructor; the admin is not) and, where the route needs
// one, a fresh application of structure A in the state the route acts on.
import { signedIn, type AccessCase, type MatrixContext, type MatrixRole } from '../../common/access/access-cases.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { assignInstructor, makeCall } from '../../testing/factories.js';

async function freshCall(c: MatrixContext) {
  const id = await makeCall(c.owner, c.tenant, { documents: [{ key: 'statutes', label: 'Statuts', required: false }] });
  await assignInstructor(c.owner, c.tenant, id, c.clients.agent.user.id);
  return id;
}

type Stage = 'draft' | 'document' | 'submitted' | 'decided';

/** A fresh application of A at `stage`, made through the API by a fresh member of A. */
async function freshApplication(c: MatrixContext, stage: Stage) {
  const callId = await freshCall(c);
  const member = (await c.freshClient('org_admin'))!;
  const base = `/api/v1/tenants/${c.tenant.slug}`;
  const started = await member.post(`${base}/calls/${callId}/applications`, { organizationId: c.orgA });
  if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  const id = started.body.id as string;
  await member.patch(`${base}/applications/${id}`, {
    answers: { project_title: 'Atelier mobilité' },
    amountRequested: 5000,
  });
  let docId: string | null = null;
  if (stage === 'document') {
    const up = await c.t.http
      .post(`${base}/applications/${id}/documents`)
      .set('Cookie', member.cookie)
      .set('X-CSRF-Token', member.csrfToken)
      .field('key', 'statutes')
      .attach(
        'file',
        Buffer.from(
          'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
          'base64',
        ),
        'a.png',
      );
    if (up.status !== 201) throw new Error(`upload: ${up.status} ${JSON.stringify(up.body)}`);
    docId = up.body.id as string;
  }
  if (stage === 'submitted' || stage === 'decided') {
    const res = await member.post(`${base}/applications/${id}/submit`);
    if (res.status !== 200) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
  }
  if (stage === 'decided') {
    await closeCall(c, callId);
    const res = await c.clients.admin.post(`${base}/applications/${id}/decision`, {
      decision: 'rejected',
      reasons: 'Projet hors du champ de l’appel',
    });
    if (res.status !== 200) throw new Error(`decision: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return { callId, id, docId, path: `/tenants/${c.tenant.slug}/applications/${id}` };
}

const closeCall = (c: MatrixContext, callId: string) =>
  inTenantTransaction(c.owner, c.tenant.id, () =>
    c.owner.query(
      `UPDATE funding_call SET opens_at = now() - interval '2 days', closes_at = now() - interval '1 hour' WHERE id = $1`,
      [callId],
    ),
  );

const on =
  (stage: Stage, suffix = '', body?: object, after?: (c: MatrixContext, callId: string) => Promise<unknown>) =>
  async (c: MatrixContext) => {
    const a = await freshApplication(c, stage);
    if (after) await after(c, a.callId);
    return { path: `${a.path}${suffix.replace(':docId', a.docId ?? '')}`, ...(body ? { body } : {}) };
  };

/** The structure's members; département staff refused; anyone else sees nothing. */
const members = (ok: number): Record<MatrixRole, number> =>
  signedIn(404, { org_admin: ok, org_member: ok, agent: 403, admin: 403 });
/** The structure's members, the call's instructor (`agent`) and the admins. */
const readers = (ok: number): Record<MatrixRole, number> =>
  signedIn(404, { org_admin: ok, org_member: ok, agent: ok, admin: ok });
/** The call's instructor and the admins; the structure's members refused. */
const instruction = (ok: number): Record<MatrixRole, number> =>
  signedIn(404, { agent: ok, admin: ok, org_admin: 403, org_member: 403 });

export const APPLICATIONS_CASES: AccessCase[] = [
  {
    route: 'POST /tenants/:slug/calls/:id/applications',
    expect: members(201),
    request: async (c) => ({
      path: `/tenants/${c.tenant.slug}/calls/${await freshCall(c)}/applications`,
      body: { organizationId: c.orgA },
    }),
  },
  {
    // The structure's list: its members, and the admins (who see every application).
    route: 'GET /tenants/:slug/applications',
    expect: signedIn(404, { org_admin: 200, org_member: 200, admin: 200, agent: 403 }),
    request: (c) => ({ path: `/tenants/${c.tenant.slug}/applications?organizationId=${c.orgA}` }),
  },
  {
    route: 'GET /tenants/:slug/calls/:id/applications',
    expect: signedIn(404, { agent: 200, admin: 200 }),
    request: async (c) => ({ path: `/tenants/${c.tenant.slug}/calls/${await freshCall(c)}/applications` }),
  },
  { route: 'GET /tenants/:slug/applications/:id', expect: readers(200), request: on('draft') },
  {
    route: 'PATCH /tenants/:slug/applications/:id',
    expect: members(200),
    request: on('draft', '', { amountRequested: 4000 }),
  },
  {
    // Multipart only: a JSON body is refused (400) before any right is asked; the rights of an
    // upload are proven in applications-documents.spec.ts.
    route: 'POST /tenants/:slug/applications/:id/documents',
    expect: signedIn(400),
    request: on('draft', '/documents', { key: 'statutes' }),
  },
  {
    route: 'GET /tenants/:slug/applications/:id/documents/:docId',
    expect: readers(200),
    request: on('document', '/documents/:docId'),
  },
  {
    route: 'DELETE /tenants/:slug/applications/:id/documents/:docId',
    expect: members(204),
    request: on('document', '/documents/:docId'),
  },
  { route: 'POST /tenants/:slug/applications/:id/submit', expect: members(200), request: on('draft', '/submit') },
  {
    route: 'POST /tenants/:slug/applications/:id/withdraw',
    expect: members(200),
    request: on('submitted', '/withdraw', { reason: 'Projet reporté' }),
  },
  {
    route: 'POST /tenants/:slug/applications/:id/completion-request',
    expect: instruction(200),
    request: on('submitted', '/completion-request', {
      message: 'Joindre le budget détaillé',
      dueAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    }),
  },
  {
    // Scores are personal: the assigned agent only (the admin, not assigned, is refused).
    route: 'POST /tenants/:slug/applications/:id/scores',
    expect: signedIn(404, { agent: 200, admin: 403, org_admin: 403, org_member: 403 }),
    request: on('submitted', '/scores', { scores: { quality: 4 }, comment: 'Solide', noConflictOfInterest: true }),
  },
  {
    // Staff only: anyone with a role in the département is refused, anyone else sees nothing.
    route: 'GET /tenants/:slug/calls/:id/ranking',
    expect: signedIn(403, { agent: 200, admin: 200, other_agent: 404, platform_admin: 404 }),
    request: async (c) => ({ path: `/tenants/${c.tenant.slug}/calls/${await freshCall(c)}/ranking` }),
  },
  {
    route: 'POST /tenants/:slug/applications/:id/decision',
    expect: instruction(200),
    request: on('submitted', '/decision', { decision: 'rejected', reasons: 'Budget non détaillé' }, closeCall),
  },
  {
    route: 'GET /tenants/:slug/applications/:id/letter.pdf',
    expect: readers(200),
    request: on('decided', '/letter.pdf'),
  },
];
