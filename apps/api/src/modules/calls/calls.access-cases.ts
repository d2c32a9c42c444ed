// Who may do what with calls for projects, route by route. Cells that change state each get a
// fresh call made by the matrix's agent (a draft, or a published one).
import {
  everyone,
  signedIn,
  type AccessCase,
  type MatrixContext,
  type MatrixRole,
} from '../../common/access/access-cases.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { completeCall } from './calls.test-helpers.js';

/** The département's agents and admins; structures and beneficiaries are refused, strangers see nothing. */
const agentsOnly = (ok: number): Record<MatrixRole, number> =>
  signedIn(403, { agent: ok, admin: ok, other_agent: 404, platform_admin: 404 });

async function freshCall(c: MatrixContext, o: { published?: boolean; closed?: boolean } = {}): Promise<string> {
  const made = await c.clients.agent.post(`/api/v1/tenants/${c.tenant.slug}/calls`, completeCall([]));
  if (made.status !== 201) throw new Error(`call: ${made.status} ${JSON.stringify(made.body)}`);
  const id = made.body.id as string;
  if (o.published || o.closed) {
    const pub = await c.clients.agent.post(`/api/v1/tenants/${c.tenant.slug}/calls/${id}/publish`);
    if (pub.status !== 200) throw new Error(`publish: ${pub.status} ${JSON.stringify(pub.body)}`);
  }
  if (o.closed)
    await inTenantTransaction(c.owner, c.tenant.id, () =>
      c.owner.query(`UPDATE funding_call SET status = 'closed', closed_at = now() WHERE id = $1`, [id]),
    );
  return id;
}

const onFresh =
  (action: string, o: { published?: boolean; closed?: boolean } = {}, body?: object) =>
  async (c: MatrixContext) => ({
    path: `/tenants/${c.tenant.slug}/calls/${await freshCall(c, o)}${action}`,
    ...(body ? { body } : {}),
  });

/** A document of a fresh call, uploaded by the agent (multipart). */
async function freshDocument(c: MatrixContext, published: boolean): Promise<{ id: string; docId: string }> {
  const id = await freshCall(c, { published });
  const agent = c.clients.agent;
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const res = await c.t.http
    .post(`/api/v1/tenants/${c.tenant.slug}/calls/${id}/documents`)
    .set('Cookie', agent.cookie)
    .set('X-CSRF-Token', agent.csrfToken)
    .field('label', 'Règlement')
    .attach('file', pdf, 'reglement.pdf');
  if (res.status !== 201) throw new Error(`document: ${res.status} ${JSON.stringify(res.body)}`);
  return { id, docId: res.body.publicDocuments[0].id as string };
}

export const CALLS_CASES: AccessCase[] = [
  { route: 'GET /tenants/:slug/calls', expect: everyone(200) },
  {
    route: 'POST /tenants/:slug/calls',
    expect: agentsOnly(201),
    request: (c) => ({ path: `/tenants/${c.tenant.slug}/calls`, body: { title: 'Nouvel appel' } }),
  },
  {
    // A draft: the agents only; to anyone else it does not exist.
    route: 'GET /tenants/:slug/calls/:id',
    expect: { ...everyone(404), agent: 200, admin: 200 },
    request: onFresh(''),
  },
  {
    route: 'PATCH /tenants/:slug/calls/:id',
    expect: agentsOnly(200),
    request: onFresh('', {}, { version: 1, title: 'Titre revu' }),
  },
  { route: 'POST /tenants/:slug/calls/:id/publish', expect: agentsOnly(200), request: onFresh('/publish') },
  {
    route: 'POST /tenants/:slug/calls/:id/withdraw',
    expect: agentsOnly(200),
    request: onFresh('/withdraw', { published: true }, { reason: 'Crédits redéployés' }),
  },
  {
    route: 'POST /tenants/:slug/calls/:id/results',
    expect: agentsOnly(200),
    request: onFresh('/results', { closed: true }, { results: 'Aucun dossier.' }),
  },
  {
    // Multipart only: the matrix sends JSON, which the upload refuses (400) before any right is
    // asked; the rights themselves are proven in call-documents.spec.ts (a structure: 403).
    route: 'POST /tenants/:slug/calls/:id/documents',
    expect: signedIn(400),
    request: onFresh('/documents', {}, { label: 'Règlement' }),
  },
  {
    route: 'GET /tenants/:slug/calls/:id/documents/:docId',
    expect: everyone(200),
    request: async (c) => {
      const d = await freshDocument(c, true);
      return { path: `/tenants/${c.tenant.slug}/calls/${d.id}/documents/${d.docId}` };
    },
  },
  {
    route: 'DELETE /tenants/:slug/calls/:id/documents/:docId',
    expect: agentsOnly(200),
    request: async (c) => {
      const d = await freshDocument(c, false);
      return { path: `/tenants/${c.tenant.slug}/calls/${d.id}/documents/${d.docId}` };
    },
  },
  {
    route: 'PUT /tenants/:slug/calls/:id/instructors',
    expect: signedIn(403, { admin: 200, other_agent: 404, platform_admin: 404 }),
    request: async (c) => ({
      path: `/tenants/${c.tenant.slug}/calls/${await freshCall(c)}/instructors`,
      body: { userIds: [] },
    }),
  },
];
