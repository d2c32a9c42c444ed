// Shared set-up of the applications' tests: a tenant with a validated structure (address, commune)
// and its members, another structure, two agents assigned to calls, an agent who is not, an admin;
// calls made straight in the database (the calls module's API is not needed here).
import type pg from 'pg';
import PDFDocument from 'pdfkit';
import type { CallQuestion, GridCriterion } from '@catalogue/contracts';
import { clientWithRole, type SignedInClient } from '../../testing/accounts.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import {
  assignInstructor,
  communesOf,
  makeCall,
  makeOrganization,
  type CallOverrides,
  type CommunePoint,
} from '../../testing/factories.js';
import type { ApiTest } from '../../testing/test-app.js';
import type { TestTenant } from '../../testing/test-database.js';

export const QUESTIONS: CallQuestion[] = [
  { key: 'project_title', label: 'Titre du projet', type: 'short_text', required: true },
  { key: 'where', label: 'Lieu de l’action', type: 'commune', required: false },
  { key: 'has_partners', label: 'Avez-vous des partenaires ?', type: 'yes_no', required: false },
  {
    key: 'partners',
    label: 'Partenaires',
    type: 'repeat',
    required: false,
    fields: [{ key: 'name', label: 'Nom', type: 'short_text', required: true }],
    showIf: { key: 'has_partners', equals: true },
  },
  { key: 'budget', label: 'Budget prévisionnel', type: 'budget_table', required: true },
  { key: 'statutes', label: 'Statuts', type: 'file', required: true },
];
export const GRID: GridCriterion[] = [
  { key: 'relevance', label: 'Pertinence', weight: 3, scale: 5, eliminatory: true },
  { key: 'budget', label: 'Budget', weight: 1, scale: 5 },
];

export interface ApplicationsWorld {
  tenant: TestTenant;
  base: string;
  communes: CommunePoint[];
  org: string;
  orgName: string;
  member: SignedInClient;
  colleague: SignedInClient;
  otherOrg: string;
  otherMember: SignedInClient;
  instructor: SignedInClient;
  instructor2: SignedInClient;
  agent: SignedInClient;
  admin: SignedInClient;
  /** A published, open call with the questions and grid above, the two instructors assigned. */
  call: (o?: CallOverrides) => Promise<string>;
  /** A started application of `org` to the call, answered completely (statutes joined when `document`). */
  draft: (callId: string, o?: { amount?: number; document?: boolean; client?: SignedInClient }) => Promise<string>;
  /** A submitted application of `org` (or `organizationId`, with `client`) to the call. */
  submitted: (
    callId: string,
    o?: { amount?: number; client?: SignedInClient; organizationId?: string },
  ) => Promise<string>;
  /** Uploads `data` as the document `key` of the application at `path` (…/documents). */
  upload: (
    client: SignedInClient,
    path: string,
    key: string | null,
    data: Buffer,
    fileName: string,
  ) => ReturnType<typeof uploadWith>;
  /** Moves the call's deadline into the past (its status unchanged, as before the closing job). */
  close: (callId: string) => Promise<void>;
}

/** A small real PDF (pdfkit). */
export async function tinyPdf(text = 'Statuts de l’association'): Promise<Buffer> {
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.text(text);
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

/** A 1×1 PNG. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

export const answersOf = (communeInsee: string) => ({
  project_title: 'Garage solidaire itinérant',
  where: communeInsee,
  has_partners: true,
  partners: [{ name: 'Mission locale' }],
  budget: [
    { label: 'Salaires', amount: 10000 },
    { label: 'Véhicule', amount: 2500 },
  ],
});

export async function applicationsWorld(api: ApiTest, tenant: TestTenant = api.tenant): Promise<ApplicationsWorld> {
  const { owner, t } = api;
  const communes = await communesOf(owner, tenant);
  const orgName = `Association Élan ${Math.random().toString(36).slice(2, 6)}`;
  const org = await makeOrganization(owner, tenant, { name: orgName, communeInsee: communes[0]!.insee });
  const otherOrg = await makeOrganization(owner, tenant);
  const base = `/api/v1/tenants/${tenant.slug}`;
  const instructor = await clientWithRole(owner, t.http, tenant, 'agent');
  const instructor2 = await clientWithRole(owner, t.http, tenant, 'agent');
  const admin = await clientWithRole(owner, t.http, tenant, 'agent');
  await inTenantTransaction(owner, tenant.id, () =>
    owner.query(`INSERT INTO membership (tenant_id, user_id, role) VALUES ($1, $2, 'admin')`, [
      tenant.id,
      admin.user.id,
    ]),
  );
  const member = await clientWithRole(owner, t.http, tenant, 'structure_admin', org);
  const upload = (client: SignedInClient, path: string, key: string | null, data: Buffer, fileName: string) =>
    uploadWith(t.http, client, path, key, data, fileName);
  const w: ApplicationsWorld = {
    tenant,
    base,
    communes,
    org,
    orgName,
    member,
    colleague: await clientWithRole(owner, t.http, tenant, 'structure_member', org),
    otherOrg,
    otherMember: await clientWithRole(owner, t.http, tenant, 'structure_admin', otherOrg),
    instructor,
    instructor2,
    agent: await clientWithRole(owner, t.http, tenant, 'agent'),
    admin,
    call: async (o = {}) => {
      const id = await makeCall(owner, tenant, { questions: QUESTIONS, grid: GRID, ...o });
      await assignInstructor(owner, tenant, id, instructor.user.id);
      await assignInstructor(owner, tenant, id, instructor2.user.id);
      return id;
    },
    draft: async (callId, o = {}) => {
      const client = o.client ?? member;
      const started = await client.post(`${base}/calls/${callId}/applications`, { organizationId: org });
      if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
      const id = started.body.id as string;
      const saved = await client.patch(`${base}/applications/${id}`, {
        answers: answersOf(communes[0]!.insee),
        amountRequested: o.amount ?? 12500,
      });
      if (saved.status !== 200) throw new Error(`save: ${saved.status} ${JSON.stringify(saved.body)}`);
      if (o.document !== false) {
        const up = await upload(
          client,
          `${base}/applications/${id}/documents`,
          'statutes',
          await tinyPdf(),
          'statuts.pdf',
        );
        if (up.status !== 201) throw new Error(`upload: ${up.status} ${JSON.stringify(up.body)}`);
      }
      return id;
    },
    submitted: async (callId, o = {}) => {
      const client = o.client ?? member;
      const organizationId = o.organizationId ?? org;
      const started = await client.post(`${base}/calls/${callId}/applications`, { organizationId });
      if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
      const id = started.body.id as string;
      await client.patch(`${base}/applications/${id}`, {
        answers: answersOf(communes[0]!.insee),
        amountRequested: o.amount ?? 12500,
      });
      await upload(client, `${base}/applications/${id}/documents`, 'statutes', await tinyPdf(), 'statuts.pdf');
      const res = await client.post(`${base}/applications/${id}/submit`);
      if (res.status !== 200) throw new Error(`submit: ${res.status} ${JSON.stringify(res.body)}`);
      return id;
    },
    upload,
    close: async (callId) => {
      await inTenantTransaction(owner, tenant.id, () =>
        owner.query(
          `UPDATE funding_call SET opens_at = now() - interval '2 days', closes_at = now() - interval '1 hour' WHERE id = $1`,
          [callId],
        ),
      );
    },
  };
  return w;
}

/** A multipart upload with the session's cookie and CSRF token. */
export function uploadWith(
  http: ApiTest['t']['http'],
  client: SignedInClient,
  path: string,
  key: string | null,
  data: Buffer,
  fileName: string,
) {
  const req = http.post(path).set('Cookie', client.cookie).set('X-CSRF-Token', client.csrfToken);
  if (key !== null) req.field('key', key);
  return req.attach('file', data, fileName);
}

/** Application rows as stored (for the races). */
export async function statuses(owner: pg.Client, tenantId: string, callId: string): Promise<string[]> {
  return inTenantTransaction(owner, tenantId, async () =>
    (
      await owner.query<{ status: string }>(`SELECT status FROM application WHERE call_id = $1 ORDER BY status`, [
        callId,
      ])
    ).rows.map((r) => r.status),
  );
}
