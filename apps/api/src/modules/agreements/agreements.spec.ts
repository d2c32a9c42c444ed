// Agreements end to end, as their users see them: who lists and reads what, the terms an agent
// adjusts (the schedule adds up to the amount), the PDF sent for signature, the signed upload that
// creates exactly one draft offer linked to the fiche, and the clock.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PDFParse } from 'pdf-parse';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { clientWithRole } from '../../testing/accounts.js';
import { AgreementJobs } from './agreement-jobs.js';
import { agreementsWorld, PNG, signedPdf, uploadSigned, type AgreementsWorld } from './agreements.test-helpers.js';

const textOf = async (pdf: Buffer) => (await new PDFParse({ data: new Uint8Array(pdf) }).getText()).text;
const binary = (res: import('superagent').Response, cb: (e: Error | null, b: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};
const TERMS = {
  title: 'Garage solidaire et auto-école sociale',
  startsOn: '2027-02-01',
  endsOn: '2028-01-31',
  paymentSchedule: [
    { label: 'Avance à la signature', amount: 7500, dueOn: '2027-02-15' },
    { label: 'Deuxième versement', amount: 2500.5, dueOn: '2027-09-01' },
    { label: 'Solde après le bilan', amount: 2499.5, dueOn: '2028-04-30' },
  ],
  bilanDueDates: ['2028-03-31'],
};

describe('agreements', () => {
  let api: ApiTest;
  let w: AgreementsWorld;
  before(async () => {
    api = await startApiTest();
    w = await agreementsWorld(api);
  });
  after(() => api.close());

  const sent = async () => {
    const id = await w.draft();
    const a = (await w.agent.get(`${w.base}/agreements/${id}`)).body;
    const patched = await w.agent.patch(`${w.base}/agreements/${id}`, { ...TERMS, version: a.version });
    assert.equal(patched.status, 200, JSON.stringify(patched.body));
    assert.equal((await w.agent.post(`${w.base}/agreements/${id}/send`)).status, 200);
    return id;
  };

  it('lists all agreements to agents and its own to a structure; hides them from others', async () => {
    const mine = await w.draft();
    const theirs = await w.draft({ organizationId: w.otherOrg });
    const all = await w.agent.get(`${w.base}/agreements?status=draft`);
    assert.equal(all.status, 200);
    const ids = all.body.items.map((i: { id: string }) => i.id);
    assert.ok(ids.includes(mine) && ids.includes(theirs));
    const own = await w.member.get(`${w.base}/agreements?organizationId=${w.org.id}`);
    assert.equal(own.status, 200);
    assert.ok(own.body.items.every((i: { organizationId: string }) => i.organizationId === w.org.id));
    assert.ok(own.body.items.some((i: { id: string; amount: number }) => i.id === mine && i.amount === 12500));
    // Without its structure named, a member asks for every agreement: not theirs to see.
    assert.equal((await w.member.get(`${w.base}/agreements`)).status, 404);
    assert.equal((await w.member.get(`${w.base}/agreements?organizationId=${w.otherOrg}`)).status, 404);
    assert.equal((await w.otherMember.get(`${w.base}/agreements/${mine}`)).status, 404);
    const beneficiary = await clientWithRole(api.owner, api.t.http, api.tenant, 'beneficiary');
    assert.equal((await beneficiary.get(`${w.base}/agreements/${mine}`)).status, 404);
  });

  it('reads an agreement with its fiches, its indicators and targets, and what the reader may do', async () => {
    const id = await w.draft();
    const a = (await w.member.get(`${w.base}/agreements/${id}`)).body;
    assert.equal(a.status, 'draft');
    assert.equal(a.amount, 12500);
    assert.equal(a.organizationSiret, w.org.siret);
    assert.deepEqual(
      a.fiches.map((f: { id: string }) => f.id),
      [w.fiche.ficheId],
    );
    assert.equal(a.indicators[0].label, 'Personnes accompagnées vers l’emploi');
    assert.deepEqual(a.can, { edit: false, send: false, sign: false, close: false });
    const asAgent = (await w.agent.get(`${w.base}/agreements/${id}`)).body;
    assert.deepEqual(asAgent.can, { edit: true, send: true, sign: false, close: false });
  });

  it('adjusts a draft: the schedule must add up to the amount to the cent; a stale version is refused', async () => {
    const id = await w.draft();
    const { version } = (await w.agent.get(`${w.base}/agreements/${id}`)).body;
    const short = await w.agent.patch(`${w.base}/agreements/${id}`, {
      paymentSchedule: [{ label: 'Avance', amount: 12499.99, dueOn: '2027-02-01' }],
      version,
    });
    assert.equal(short.status, 400);
    assert.equal(short.body.parameter, 'paymentSchedule');
    assert.match(short.body.message, /12\u202f499,99\u00a0€.*12\u202f500,00\u00a0€/);
    const before = await w.agent.patch(`${w.base}/agreements/${id}`, {
      ...TERMS,
      bilanDueDates: ['2027-01-15'],
      version,
    });
    assert.equal(before.body.parameter, 'bilanDueDates.0');
    const ok = await w.agent.patch(`${w.base}/agreements/${id}`, { ...TERMS, indicatorTargets: [30], version });
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.deepEqual(
      ok.body.paymentSchedule.map((t: { amount: number }) => t.amount),
      [7500, 2500.5, 2499.5],
    );
    assert.equal(ok.body.indicators[0].target, 30);
    const [row] = await w.sql<{ payment_schedule: { amountCents: number }[] }>(
      `SELECT payment_schedule FROM agreement WHERE id = $1`,
      [id],
    );
    assert.deepEqual(
      row!.payment_schedule.map((t) => t.amountCents),
      [750000, 250050, 249950],
    );
    const stale = await w.agent.patch(`${w.base}/agreements/${id}`, { title: 'Autre titre', version });
    assert.deepEqual([stale.status, stale.body.code], [409, 'stale']);
    assert.equal(
      (await w.member.patch(`${w.base}/agreements/${id}`, { title: 'x', version: ok.body.version })).status,
      403,
    );
  });

  it('sends it for signature: the structure gets the PDF by email, and the terms are frozen', async () => {
    const id = await sent();
    const a = (await w.agent.get(`${w.base}/agreements/${id}`)).body;
    assert.equal(a.status, 'sent');
    const [mail] = await api.owner
      .query<{
        subject: string;
        attachments: { filename: string; contentType: string; content: string; encoding: string }[];
      }>(
        `SELECT subject, attachments FROM email_outbox WHERE to_address = $1 AND subject LIKE 'Convention à signer%' ORDER BY id DESC LIMIT 1`,
        [w.member.user.email],
      )
      .then((r) => r.rows);
    assert.ok(mail, 'an email to the structure');
    assert.equal(mail.attachments[0]!.contentType, 'application/pdf');
    const pdf = Buffer.from(mail.attachments[0]!.content, mail.attachments[0]!.encoding as BufferEncoding);
    assert.match(await textOf(pdf), /Garage solidaire et auto-école sociale/);
    const late = await w.agent.patch(`${w.base}/agreements/${id}`, { title: 'Trop tard', version: a.version });
    assert.deepEqual([late.status, late.body.code], [409, 'invalid_transition']);
    assert.equal((await w.agent.post(`${w.base}/agreements/${id}/send`)).status, 409);
    const [audit] = await w.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE target_id = $1 AND action = 'agreement.sent'`,
      [id],
    );
    assert.equal(audit!.n, 1);
  });

  it('serves the agreement as a PDF at agreements/{id}.pdf, naming the parties, the amount, the dates and the tranches', async () => {
    const id = await sent();
    const res = await w.member.get(`${w.base}/agreements/${id}.pdf`).buffer(true).parse(binary);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], 'application/pdf');
    assert.match(res.headers['content-disposition']!, /attachment/);
    const text = (await textOf(res.body as Buffer)).replace(/\s+/g, ' ');
    for (const expected of [
      w.org.name,
      `SIRET ${w.org.siret}`,
      api.tenant.name,
      '12 500,00 €',
      '7 500,00 €',
      '2 500,50 €',
      '1er février 2027',
      '31 janvier 2028',
      '31 mars 2028',
      'Avance à la signature',
      'Deuxième versement',
      'Solde après le bilan',
      'Personnes accompagnées vers l’emploi',
      'Fiche action 7',
    ])
      assert.ok(text.includes(expected), `the PDF names « ${expected} »: ${text.slice(0, 400)}`);
    assert.equal((await w.otherMember.get(`${w.base}/agreements/${id}.pdf`)).status, 404);
  });

  it('takes the signed PDF only: another type is refused with 415 and nothing changes', async () => {
    const id = await sent();
    const res = await uploadSigned(w.member, api, `${w.base}/agreements/${id}/signed`, PNG, 'convention.pdf');
    assert.equal(res.status, 415);
    assert.equal((await w.member.get(`${w.base}/agreements/${id}`)).body.status, 'sent');
  });

  it('signed: creates one draft offer for the structure, prefilled and linked to the fiche and the agreement', async () => {
    const id = await w.draft({
      eligiblePublics: ['jeunes', 'beneficiaires-des-minimas-sociaux', 'not-an-audience'],
      questions: [
        { key: 'project_description', label: 'Description du projet', type: 'long_text', required: true },
        {
          key: 'sessions',
          label: 'Sessions prévues',
          type: 'repeat',
          required: false,
          fields: [
            { key: 'date', label: 'Date', type: 'date', required: true },
            { key: 'places', label: 'Places', type: 'number', required: true },
          ],
        },
      ],
      answers: {
        project_description: 'Un garage solidaire pour réparer les voitures des allocataires. Des cours de code aussi.',
        sessions: [
          { date: '2027-03-01', places: 8 },
          { date: '2020-01-01', places: 8 },
        ],
      },
    });
    const { version } = (await w.agent.get(`${w.base}/agreements/${id}`)).body;
    assert.equal((await w.agent.patch(`${w.base}/agreements/${id}`, { ...TERMS, version })).status, 200);
    await w.agent.post(`${w.base}/agreements/${id}/send`);
    const res = await uploadSigned(w.member, api, `${w.base}/agreements/${id}/signed`, await signedPdf(), 'signée.pdf');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.status, 'signed');
    assert.ok(res.body.offerId);
    assert.equal((await w.member.get(`${w.base}/agreements/${id}`)).body.offerId, res.body.offerId);
    const offer = await w.member.get(`${w.base}/offers/${res.body.offerId}`);
    assert.equal(offer.status, 200);
    assert.equal(offer.body.status, 'draft');
    assert.equal(offer.body.title, TERMS.title);
    assert.match(offer.body.description, /garage solidaire/);
    assert.equal(offer.body.summary, 'Un garage solidaire pour réparer les voitures des allocataires.');
    assert.deepEqual([...offer.body.audiences].sort(), ['beneficiaires-des-minimas-sociaux', 'jeunes']);
    assert.equal(offer.body.places[0].communeInsee !== undefined, true);
    assert.equal(offer.body.sessions.length, 1);
    assert.equal(offer.body.sessions[0].capacity, 8);
    const [row] = await w.sql<{ plan_fiche_id: string; organization_id: string }>(
      `SELECT plan_fiche_id, organization_id FROM offer WHERE id = $1`,
      [res.body.offerId],
    );
    assert.deepEqual([row!.plan_fiche_id, row!.organization_id], [w.fiche.ficheId, w.org.id]);
    const listed = await w.member.get(`${w.base}/organizations/${w.org.id}/offers`);
    assert.ok(JSON.stringify(listed.body).includes(res.body.offerId), 'the structure finds it among its offers');
    const [agentMail] = await w.sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM email_outbox WHERE to_address = $1 AND subject LIKE 'Convention signée%'`,
      [w.agent.user.email],
    );
    assert.equal(agentMail!.n >= 1, true, 'the agents are told');
  });

  it('two racing signed uploads: one signed agreement, one offer', async () => {
    const id = await sent();
    const pdf = await signedPdf();
    const path = `${w.base}/agreements/${id}/signed`;
    const count = async () =>
      (await w.sql<{ n: number }>(`SELECT count(*)::int AS n FROM offer WHERE organization_id = $1`, [w.org.id]))[0]!.n;
    const before = await count();
    const [a, b] = await Promise.all([
      uploadSigned(w.member, api, path, pdf, 'a.pdf'),
      uploadSigned(w.agent, api, path, pdf, 'b.pdf'),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 409]);
    const [n] = await w.sql<{ offers: number; events: number }>(
      `SELECT (SELECT count(*)::int FROM offer o JOIN agreement g ON g.offer_id = o.id WHERE g.id = $1) AS offers,
              (SELECT count(*)::int FROM agreement_event WHERE agreement_id = $1 AND to_status = 'signed') AS events`,
      [id],
    );
    assert.equal(n!.offers, 1);
    assert.equal(await count(), before + 1, 'one offer created, not one per upload');
    assert.equal(n!.events, 1, 'signed once');
  });

  it('starts on its first day (at signature or by the clock), and an agent closes a running one', async () => {
    const id = await sent();
    await uploadSigned(w.member, api, `${w.base}/agreements/${id}/signed`, await signedPdf(), 's.pdf');
    await w.sql(`UPDATE agreement SET starts_on = current_date - 1 WHERE id = $1`, [id]);
    await api.t.app.get(AgreementJobs).run();
    const running = (await w.agent.get(`${w.base}/agreements/${id}`)).body;
    assert.equal(running.status, 'running');
    assert.deepEqual(
      running.events.map((e: { toStatus: string }) => e.toStatus),
      ['draft', 'sent', 'signed', 'running'],
    );
    assert.equal((await w.member.post(`${w.base}/agreements/${id}/close`)).status, 403);
    const closed = await w.agent.post(`${w.base}/agreements/${id}/close`);
    assert.deepEqual([closed.status, closed.body.status], [200, 'closed']);

    // Signed on or after its first day: straight to running.
    const late = await w.draft();
    const { version } = (await w.agent.get(`${w.base}/agreements/${late}`)).body;
    await w.agent.patch(`${w.base}/agreements/${late}`, { ...TERMS, startsOn: '2026-01-01', version });
    await w.agent.post(`${w.base}/agreements/${late}/send`);
    const signed = await uploadSigned(w.agent, api, `${w.base}/agreements/${late}/signed`, await signedPdf(), 's.pdf');
    assert.equal(signed.body.status, 'running');
  });
});
