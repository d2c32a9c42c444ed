// An application's documents through the API: real PDF and PNG files accepted, the type read from
// the content (an HTML page named .pdf refused), the size limit, the keys the call asks for, the
// downloads (attachment, nosniff) for the application's readers only, removal while editable.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CALL_LIMITS } from '@catalogue/contracts';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { clientWithRole } from '../../testing/accounts.js';
import { makeOrganization } from '../../testing/factories.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { applicationsWorld, tinyPdf, TINY_PNG, type ApplicationsWorld } from './applications.test-helpers.js';

const LIMIT = 64 * 1024;

describe('application documents', () => {
  let api: ApiTest;
  let w: ApplicationsWorld;
  let call: string;
  before(async () => {
    api = await startApiTest({ settings: { uploadMaxBytes: LIMIT } });
    w = await applicationsWorld(api);
    call = await w.call({ documents: [{ key: 'rib', label: 'RIB', required: true }] });
  });
  after(() => api.close());

  const binary = (res: { on: (e: string, f: (c?: Buffer) => void) => void }, cb: (e: null, b: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c) => chunks.push(c!));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  };
  const docs = (id: string) => `${w.base}/applications/${id}/documents`;
  let started = 0;
  /** A fresh draft of a fresh structure (one live application per structure and call). */
  async function freshDraft() {
    const org = await makeOrganization(api.owner, w.tenant, { name: `Structure ${++started}` });
    const client = await clientWithRole(api.owner, api.t.http, w.tenant, 'structure_admin', org);
    const res = await client.post(`${w.base}/calls/${call}/applications`, { organizationId: org });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return { id: res.body.id as string, client };
  }

  it('accepts a real PDF and a real PNG under the keys the call asks for, and sends them back as downloads', async () => {
    const id = await w.draft(call, { document: false });
    const pdf = await tinyPdf();
    const up = await w.upload(w.member, docs(id), 'statutes', pdf, 'Statuts 2026.pdf');
    assert.equal(up.status, 201, JSON.stringify(up.body));
    assert.equal(up.body.mediaType, 'application/pdf');
    assert.equal(up.body.fileName, 'Statuts 2026.pdf');
    assert.equal(up.body.sizeBytes, pdf.length);
    const png = await w.upload(w.member, docs(id), 'rib', TINY_PNG, 'rib.png');
    assert.equal(png.status, 201, JSON.stringify(png.body));
    assert.equal(png.body.mediaType, 'image/png');
    const listed = await w.member.get(`${w.base}/applications/${id}`);
    assert.deepEqual(
      listed.body.documents.map((d: { key: string }) => d.key),
      ['statutes', 'rib'],
    );

    for (const reader of [w.colleague, w.instructor, w.admin]) {
      const res = await reader
        .get(`${docs(id)}/${up.body.id}`)
        .buffer(true)
        .parse(binary);
      assert.equal(res.status, 200);
      assert.equal(res.headers['content-type'], 'application/pdf');
      assert.match(res.headers['content-disposition'], /^attachment; filename="Statuts 2026.pdf"/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.match(res.headers['content-security-policy'], /sandbox/);
      assert.ok((res.body as Buffer).equals(pdf));
    }
    // Another structure's member sees nothing; an agent of another call is refused.
    assert.equal((await w.otherMember.get(`${docs(id)}/${up.body.id}`)).status, 404);
    assert.equal((await w.agent.get(`${docs(id)}/${up.body.id}`)).status, 403);
    assert.equal((await w.otherMember.get(`${docs(id)}/${png.body.id}`)).status, 404);
  });

  it('reads the type from the content: an HTML page named .pdf is refused with 415', async () => {
    const { id, client } = await freshDraft();
    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
    const res = await w.upload(client, docs(id), 'statutes', html, 'statuts.pdf');
    assert.equal(res.status, 415);
    assert.equal(res.body.code, 'unsupported_document_type');
    assert.equal(res.body.parameter, 'file');
  });

  it('refuses a file above the limit with 413, and an upload without file or key with 400 naming it', async () => {
    const { id, client } = await freshDraft();
    const big = Buffer.concat([await tinyPdf(), Buffer.alloc(LIMIT + 1, 0x20)]);
    const tooBig = await w.upload(client, docs(id), 'statutes', big, 'gros.pdf');
    assert.equal(tooBig.status, 413);
    assert.equal(tooBig.body.code, 'payload_too_large');

    const pdf = await tinyPdf();
    for (const [key, why] of [
      [null, 'no key'],
      ['project_title', 'a question that is no file question'],
      ['unknown', 'a key the call does not ask for'],
      ['../etc', 'a key that is no key'],
    ] as const) {
      const res = await w.upload(client, docs(id), key, pdf, 'a.pdf');
      assert.equal(res.status, 400, why);
      assert.equal(res.body.parameter, 'key', why);
    }
    const noFile = await api.t.http
      .post(docs(id))
      .set('Cookie', client.cookie)
      .set('X-CSRF-Token', client.csrfToken)
      .field('key', 'statutes');
    assert.equal(noFile.status, 400);
    assert.equal(noFile.body.parameter, 'file');
  });

  it('takes uploads from the structure’s members only, while editable, at most the limit of documents', async () => {
    const { id, client } = await freshDraft();
    const pdf = await tinyPdf();
    assert.equal((await w.upload(w.otherMember, docs(id), 'statutes', pdf, 'a.pdf')).status, 404);
    assert.equal((await w.upload(w.instructor, docs(id), 'statutes', pdf, 'a.pdf')).status, 403);
    await inTenantTransaction(api.owner, w.tenant.id, () =>
      api.owner.query(
        `INSERT INTO application_document (tenant_id, application_id, key, file_name, media_type, size_bytes, sha256, storage_key)
         SELECT $1, $2, 'rib', 'rib.pdf', 'application/pdf', 10, repeat('a', 64), 'applications/2026/01/' || gen_random_uuid()
           FROM generate_series(1, $3)`,
        [w.tenant.id, id, CALL_LIMITS.documentsPerApplication],
      ),
    );
    const tooMany = await w.upload(client, docs(id), 'statutes', pdf, 'a.pdf');
    assert.equal(tooMany.status, 409);
    assert.equal(tooMany.body.code, 'too_many_documents');
  });

  it('removes a document while editable (204, then 404); after the submission, no upload nor removal', async () => {
    const { id, client } = await freshDraft();
    const pdf = await tinyPdf();
    const a = await w.upload(client, docs(id), 'statutes', pdf, 'a.pdf');
    assert.equal((await w.otherMember.delete(`${docs(id)}/${a.body.id}`)).status, 404);
    assert.equal((await client.delete(`${docs(id)}/${a.body.id}`)).status, 204);
    assert.equal((await client.get(`${docs(id)}/${a.body.id}`)).status, 404);

    await client.patch(`${w.base}/applications/${id}`, {
      answers: { project_title: 'Atelier', budget: [{ label: 'Salaires', amount: 100 }] },
      amountRequested: 100,
    });
    const kept = await w.upload(client, docs(id), 'statutes', pdf, 'statuts.pdf');
    await w.upload(client, docs(id), 'rib', TINY_PNG, 'rib.png');
    const submitted = await client.post(`${w.base}/applications/${id}/submit`);
    assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
    assert.equal((await w.upload(client, docs(id), 'rib', TINY_PNG, 'rib.png')).body.code, 'invalid_transition');
    assert.equal((await client.delete(`${docs(id)}/${kept.body.id}`)).body.code, 'invalid_transition');
  });
});
