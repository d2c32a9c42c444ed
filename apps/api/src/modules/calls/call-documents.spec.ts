// A call's own documents: a real PDF is taken and given back as a download; a page disguised as a
// PDF is refused for what it is; a draft's documents stay private; agents alone add and remove.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { renderPdf } from '../../common/pdf/pdf-document.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { callsWorld, type CallsWorld } from './calls.test-helpers.js';
import type { SignedInClient } from '../../testing/accounts.js';

describe('a call’s documents', () => {
  let api: ApiTest;
  let w: CallsWorld;
  let pdf: Buffer;
  before(async () => {
    api = await startApiTest();
    w = await callsWorld(api);
    pdf = await renderPdf({ issuer: 'Département de test', title: 'Règlement de l’appel', blocks: [] });
  });
  after(() => api.close());

  const upload = (as: SignedInClient, callId: string, label: string, data: Buffer, name: string) =>
    api.t.http
      .post(`${w.base}/calls/${callId}/documents`)
      .set('Cookie', as.cookie)
      .set('X-CSRF-Token', as.csrfToken)
      .field('label', label)
      .attach('file', data, name);

  it('takes a real PDF, keeps a draft’s copy private, and serves it as an attachment once published', async () => {
    const draft = (await w.agent.post(`${w.base}/calls`, { title: 'Avec règlement' })).body;
    const added = await upload(w.agent, draft.id, 'Règlement', pdf, 'reglement.pdf');
    assert.equal(added.status, 201, JSON.stringify(added.body));
    const doc = added.body.publicDocuments[0];
    assert.deepEqual(
      [doc.label, doc.fileName, doc.mediaType, doc.sizeBytes],
      ['Règlement', 'reglement.pdf', 'application/pdf', pdf.length],
    );
    const path = `${w.base}/calls/${draft.id}/documents/${doc.id}`;
    assert.equal((await api.t.http.get(path)).status, 404, 'a draft’s document is not public');
    assert.equal((await w.agent.get(path)).status, 200);

    const id = await w.published();
    const second = await upload(w.agent, id, 'Annexe budgétaire', pdf, 'annexe.pdf');
    const res = await api.t.http
      .get(`${w.base}/calls/${id}/documents/${second.body.publicDocuments[0].id}`)
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    assert.equal(res.status, 200);
    assert.match(res.headers['content-disposition']!, /^attachment; filename="?annexe\.pdf"?$/);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.ok((res.body as Buffer).equals(pdf));
  });

  it('refuses a page named .pdf (415), a missing label (400), and anyone but an agent', async () => {
    const draft = (await w.agent.post(`${w.base}/calls`, { title: 'Pièges' })).body;
    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
    const disguised = await upload(w.agent, draft.id, 'Règlement', html, 'reglement.pdf');
    assert.deepEqual([disguised.status, disguised.body.code], [415, 'unsupported_document_type']);
    const noLabel = await upload(w.agent, draft.id, '', pdf, 'reglement.pdf');
    assert.deepEqual([noLabel.status, noLabel.body.parameter], [400, 'label']);
    assert.equal((await upload(w.memberA, draft.id, 'Règlement', pdf, 'r.pdf')).status, 403);
    assert.equal((await w.agent.get(`${w.base}/calls/${draft.id}`)).body.publicDocuments.length, 0);
  });

  it('lets an agent remove a document, and nobody change a closed call’s', async () => {
    const id = await w.published();
    const doc = (await upload(w.agent, id, 'Règlement', pdf, 'r.pdf')).body.publicDocuments[0];
    assert.equal((await w.memberA.delete(`${w.base}/calls/${id}/documents/${doc.id}`)).status, 403);
    const removed = await w.agent.delete(`${w.base}/calls/${id}/documents/${doc.id}`);
    assert.equal(removed.status, 200);
    assert.equal(removed.body.publicDocuments.length, 0);
    assert.equal((await api.t.http.get(`${w.base}/calls/${id}/documents/${doc.id}`)).status, 404);
    await w.setCall(id, `status = 'closed', closed_at = now()`);
    assert.equal((await upload(w.agent, id, 'Tard', pdf, 'r.pdf')).status, 409);
  });
});
