// Structures: creation, the département's decision, back-office reading, editing and export.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { addMembership, clientWithRole, makeUser, signedIn, type SignedInClient } from '../../testing/accounts.js';
import { communesOf, freshSiret, makeOffer, makeOrganization, type CommunePoint } from '../../testing/factories.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { createTenant, type TestTenant } from '../../testing/test-database.js';
import { auditActions, emailsTo, membershipsOf, organizationInput } from './organizations.test-helpers.js';

describe('structures', () => {
  let api: ApiTest;
  let tenant: TestTenant;
  let communes: CommunePoint[];
  let agent: SignedInClient;
  let otherAgent: SignedInClient;
  let pro: SignedInClient;
  let base: string;

  before(async () => {
    api = await startApiTest();
    ({ tenant } = api);
    base = `/api/v1/tenants/${tenant.slug}/organizations`;
    communes = await communesOf(api.owner, tenant);
    agent = await clientWithRole(api.owner, api.t.http, tenant, 'agent');
    const other = await createTenant(api.owner);
    otherAgent = await clientWithRole(api.owner, api.t.http, other, 'agent');
    await addMembership(api.owner, other, otherAgent.user.id, 'admin');
    pro = await signedIn(api.owner, api.t.http, await makeUser(api.owner));
  });
  after(() => api.close());

  /** A new professional creates a structure: returns it and its admin's client. */
  async function created(overrides: Record<string, unknown> = {}) {
    const admin = await signedIn(api.owner, api.t.http, await makeUser(api.owner));
    const res = await admin.post(base, organizationInput(communes[0]!, overrides));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return {
      org: res.body as { id: string; name: string; siret: string; status: string; lat: number; lng: number },
      admin,
    };
  }

  it('creates a pending structure whose creator is its admin, emails the agents and audits', async () => {
    const commune = communes[1]!;
    const res = await pro.post(
      base,
      organizationInput(commune, { siret: '732 829 320 00074', name: '  Garage solidaire  ', prescriber: true }),
    );
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const org = res.body as Record<string, unknown>;
    assert.equal(org.status, 'pending');
    assert.equal(org.siret, '73282932000074');
    assert.equal(org.name, 'Garage solidaire');
    assert.equal(org.prescriber, true);
    assert.equal(org.communeInsee, commune.insee);
    assert.equal(org.commune, commune.name);
    assert.deepEqual([org.lat, org.lng], [commune.lat, commune.lng], 'the pin defaults to the commune centre');
    assert.deepEqual(await membershipsOf(api.owner, tenant, org.id as string), [
      { user_id: pro.user.id, role: 'structure_admin', status: 'active' },
    ]);
    const mails = await emailsTo(api.owner, agent.user.email);
    assert.ok(
      mails.some(
        (m) =>
          m.subject === 'Nouvelle structure à valider : Garage solidaire' &&
          m.text.includes(`/${tenant.slug}/espace/structures/${org.id as string}`),
      ),
    );
    assert.deepEqual(await auditActions(api.owner, tenant, org.id as string), ['organization.created']);
    // Its admin reads it in the back office; the public does not see it until it is validated.
    assert.equal((await pro.get(`${base}/${org.id as string}/back-office`)).status, 200);
    assert.equal((await api.t.http.get(`${base}/${org.id as string}`)).status, 404);
  });

  it('keeps a given map pin near the département and accepts La Poste’s SIRET rule', async () => {
    const c = communes[2]!;
    const { org } = await created({ siret: '35600000000001', lat: c.lat + 0.01, lng: c.lng - 0.01 });
    assert.equal(org.siret, '35600000000001');
    assert.deepEqual([org.lat, org.lng], [c.lat + 0.01, c.lng - 0.01]);
  });

  it('answers 409 siret_exists with the structure to join, unless that one was rejected', async () => {
    const siret = freshSiret();
    const { org } = await created({ siret });
    const dup = await pro.post(base, organizationInput(communes[0]!, { siret }));
    assert.equal(dup.status, 409);
    assert.equal(dup.body.code, 'siret_exists');
    assert.equal(dup.body.organizationId, org.id);
    assert.equal((await agent.post(`${base}/${org.id}/reject`, { reason: 'Doublon à corriger' })).status, 200);
    assert.equal((await pro.post(base, organizationInput(communes[0]!, { siret }))).status, 201);
  });

  it('finds the validated structure of a SIRET, and only a validated one', async () => {
    const siret = freshSiret();
    const { org } = await created({ siret });
    assert.equal((await pro.get(`${base}/by-siret/${siret}`)).status, 404, 'pending');
    assert.equal((await agent.post(`${base}/${org.id}/validate`)).status, 200);
    const res = await pro.get(`${base}/by-siret/${siret}`);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { id: org.id, name: org.name, status: 'validated' });
    const bad = await pro.get(`${base}/by-siret/73282932000075`);
    assert.equal(bad.status, 400);
    assert.equal(bad.body.parameter, 'siret');
  });

  it('validates a pending structure once: decision recorded, admins told, profile public', async () => {
    const { org, admin } = await created();
    const res = await agent.post(`${base}/${org.id}/validate`);
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'validated');
    const { rows } = await inTenantTransaction(api.owner, tenant.id, () =>
      api.owner.query<{ decided_by: string; decided_at: Date | null }>(
        `SELECT decided_by, decided_at FROM organization WHERE id = $1`,
        [org.id],
      ),
    );
    assert.equal(rows[0]!.decided_by, agent.user.id);
    assert.ok(rows[0]!.decided_at);
    assert.ok(
      (await emailsTo(api.owner, admin.user.email)).some(
        (m) => m.subject === `Votre structure « ${org.name} » est validée`,
      ),
    );
    assert.deepEqual(await auditActions(api.owner, tenant, org.id), ['organization.created', 'organization.validated']);
    assert.equal((await api.t.http.get(`${base}/${org.id}`)).status, 200);
    const again = await agent.post(`${base}/${org.id}/validate`);
    assert.equal(again.status, 409);
    assert.equal(again.body.code, 'not_pending');
    assert.equal((await agent.post(`${base}/${org.id}/reject`, { reason: 'Trop tard' })).status, 409);
  });

  it('rejects with a reason: members detached (memberships refused) and told why', async () => {
    const { org, admin } = await created();
    const requester = await makeUser(api.owner);
    await addMembership(api.owner, tenant, requester.id, 'structure_member', org.id, 'pending');
    const res = await agent.post(`${base}/${org.id}/reject`, { reason: '  Structure hors du champ de l’insertion  ' });
    assert.equal(res.status, 200);
    assert.equal(res.body.status, 'rejected');
    assert.equal(res.body.rejectionReason, 'Structure hors du champ de l’insertion');
    assert.deepEqual(
      (await membershipsOf(api.owner, tenant, org.id)).map((m) => m.status),
      ['refused', 'refused'],
    );
    for (const to of [admin.user.email, requester.email]) {
      const mail = (await emailsTo(api.owner, to)).find(
        (m) => m.subject === `Votre structure « ${org.name} » n’a pas été validée`,
      );
      assert.ok(mail?.text.includes('Motif : Structure hors du champ de l’insertion'), to);
    }
    assert.equal((await admin.get(`${base}/${org.id}/back-office`)).status, 404, 'the former admin no longer sees it');
    assert.equal((await admin.patch(`${base}/${org.id}`, { name: 'Autre nom' })).status, 404);
    assert.deepEqual(await auditActions(api.owner, tenant, org.id), ['organization.created', 'organization.rejected']);
  });

  it('lists structures for agents by status and words, a page at a time', async () => {
    const word = `Zyx${Math.random().toString(36).slice(2, 7)}`;
    const a = await created({ name: `${word} Alpha` });
    await created({ name: `${word} Beta` });
    await agent.post(`${base}/${a.org.id}/validate`);
    const pending = await agent.get(`${base}?status=pending&q=${word.toLowerCase()}`);
    assert.equal(pending.status, 200);
    assert.equal(pending.body.total, 1);
    assert.equal(pending.body.items[0].name, `${word} Beta`);
    const all = await agent.get(`${base}?q=${word}&pageSize=1&page=2`);
    assert.equal(all.body.total, 2);
    assert.equal(all.body.items.length, 1);
    assert.equal(all.body.items[0].name, `${word} Alpha`, 'pending first, then validated');
    assert.equal(typeof all.body.items[0].offerCount, 'number');
  });

  it('exports the structures as CSV for Excel: BOM, header, `;`, quoting, one line each; audited', async () => {
    const { org } = await created({ name: 'Les "Amis" ; du jardin' });
    await created({ name: '=HYPERLINK("x")' });
    const res = await agent
      .get(`${base}/export.csv`)
      .buffer(true)
      .parse((r, cb) => {
        let data = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (data += c));
        r.on('end', () => cb(null, data));
      });
    assert.equal(res.status, 200);
    assert.match(String(res.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(String(res.headers['content-disposition']), /attachment; filename="structures-.+\.csv"/);
    const body = res.body as string;
    assert.ok(body.startsWith('\uFEFFid;siret;nom;typologie;statut;'), body.slice(0, 60));
    const lines = body.slice(1).split('\r\n').filter(Boolean);
    const { rows } = await inTenantTransaction(api.owner, tenant.id, () =>
      api.owner.query(`SELECT id FROM organization`),
    );
    assert.equal(lines.length, rows.length + 1, 'a header and one line per structure');
    const line = lines.find((l) => l.startsWith(`${org.id};`))!;
    assert.ok(line.includes(';"Les ""Amis"" ; du jardin";Association;en attente;'), line);
    assert.ok(
      lines.some((l) => l.includes(`;"'=HYPERLINK(""x"")";`)),
      'a formula is neutralised',
    );
    const audit = await inTenantTransaction(api.owner, tenant.id, () =>
      api.owner.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'export.organizations' AND actor_id = $1`,
        [agent.user.id],
      ),
    );
    assert.equal(audit.rows[0]!.n, 1);
  });

  it('edits a structure; a new name (once accepted) re-derives its offers’ search text in the same transaction', async () => {
    const { org, admin } = await created();
    await agent.post(`${base}/${org.id}/validate`);
    const offer = await makeOffer(api.owner, tenant, org.id, { organizationName: org.name, places: [communes[0]!] });
    const res = await admin.patch(`${base}/${org.id}`, {
      name: 'Chantier Renouveau',
      website: 'https://renouveau.test',
      email: null,
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.name, org.name, 'the new name waits for an agent');
    assert.equal(res.body.website, 'https://renouveau.test');
    assert.equal(res.body.email, null);
    assert.equal(res.body.communeInsee, communes[0]!.insee, 'fields not sent are kept');
    const accepted = await agent.post(
      `${base}/${org.id}/identity-changes/${res.body.identityChange.id as string}/accept`,
    );
    assert.equal(accepted.body.name, 'Chantier Renouveau');
    const { rows } = await inTenantTransaction(api.owner, tenant.id, () =>
      api.owner.query<{ search_extra: string }>(`SELECT search_extra FROM offer WHERE id = $1`, [offer]),
    );
    assert.ok(rows[0]!.search_extra.startsWith('Chantier Renouveau · '), rows[0]!.search_extra);
    assert.ok(rows[0]!.search_extra.includes(communes[0]!.name));
    assert.ok(!rows[0]!.search_extra.includes(org.name));
    // A new commune moves the pin to its centre.
    const moved = await agent.patch(`${base}/${org.id}`, { communeInsee: communes[3]!.insee });
    assert.deepEqual([moved.body.lat, moved.body.lng], [communes[3]!.lat, communes[3]!.lng]);
    assert.deepEqual(await auditActions(api.owner, tenant, org.id), [
      'organization.created',
      'organization.validated',
      'organization.updated',
      'organization.change_requested',
      'organization.change_accepted',
      'organization.updated',
    ]);
  });

  it('lets a member read but not edit; hides structure B from a member of A and from another tenant’s agent (404)', async () => {
    const a = await makeOrganization(api.owner, tenant);
    const b = await makeOrganization(api.owner, tenant, { status: 'pending', siret: freshSiret() });
    const memberOfA = await clientWithRole(api.owner, api.t.http, tenant, 'structure_member', a);
    const adminOfA = await clientWithRole(api.owner, api.t.http, tenant, 'structure_admin', a);
    assert.equal((await memberOfA.get(`${base}/${a}/back-office`)).status, 200);
    assert.equal((await memberOfA.patch(`${base}/${a}`, { phone: '0102030405' })).status, 403);
    for (const client of [adminOfA, otherAgent]) {
      assert.equal((await client.get(`${base}/${b}/back-office`)).status, 404);
      assert.equal((await client.get(`${base}/${b}/members`)).status, 404);
      assert.equal((await client.patch(`${base}/${b}`, { name: 'Pris' })).status, 404);
      assert.equal((await client.post(`${base}/${b}/validate`)).status, 404);
      assert.equal((await client.post(`${base}/${b}/reject`, { reason: 'Non merci' })).status, 404);
    }
    assert.equal((await otherAgent.get(base)).status, 404);
    assert.equal((await otherAgent.get(`${base}/export.csv`)).status, 404);
    assert.equal((await adminOfA.post(`${base}/${a}/validate`)).status, 403, 'a structure admin does not decide');
  });

  describe('bad input answers 400 naming the field', () => {
    const createCases: [string, Record<string, unknown>, string][] = [
      ['SIRET with a wrong check digit', { siret: '73282932000075' }, 'siret'],
      ['SIRET of 13 digits', { siret: '7328293200007' }, 'siret'],
      ['SIRET with letters', { siret: '7328293200007A' }, 'siret'],
      ['La Poste SIRET with a wrong sum', { siret: '35600000000002' }, 'siret'],
      ['no SIRET', { siret: undefined }, 'siret'],
      ['unknown kind', { kind: 'secte' }, 'kind'],
      ['no name', { name: undefined }, 'name'],
      ['blank name', { name: '   ' }, 'name'],
      ['name too long', { name: 'x'.repeat(201) }, 'name'],
      ['no address', { address: undefined }, 'address'],
      ['malformed commune', { communeInsee: '123' }, 'communeInsee'],
      ['commune outside the département', { communeInsee: '75056' }, 'communeInsee'],
      ['lat without lng', { lat: 45 }, 'lng'],
      ['lat out of range', { lat: 95, lng: 5 }, 'lat'],
      ['pin far from the département', { lat: -45, lng: 170 }, 'lat'],
      ['bad email', { email: 'pas-une-adresse' }, 'email'],
      ['bad website', { website: 'javascript:alert(1)' }, 'website'],
      ['bad phone', { phone: 'appelez-nous' }, 'phone'],
      ['prescriber not a boolean', { prescriber: 'oui' }, 'prescriber'],
      ['unknown field', { status: 'validated' }, 'status'],
    ];
    for (const [why, overrides, field] of createCases) {
      it(`POST organizations: ${why} → ${field}`, async () => {
        const res = await pro.post(base, organizationInput(communes[0]!, overrides));
        assert.equal(res.status, 400, JSON.stringify(res.body));
        assert.equal(res.body.parameter, field, JSON.stringify(res.body));
      });
    }

    it('PATCH, list, reject and ids', async () => {
      const { org, admin } = await created();
      const cases: [() => Promise<{ status: number; body: { parameter?: string } }>, string][] = [
        [() => admin.patch(`${base}/${org.id}`, { name: null }), 'name'],
        [() => admin.patch(`${base}/${org.id}`, { kind: 'inconnu' }), 'kind'],
        [() => admin.patch(`${base}/${org.id}`, { communeInsee: '75056' }), 'communeInsee'],
        [() => admin.patch(`${base}/${org.id}`, { siret: '12345678901234' }), 'siret'],
        [() => admin.patch(`${base}/${org.id}`, { lng: 5 }), 'lat'],
        [() => admin.patch('/api/v1/tenants/' + tenant.slug + '/organizations/pas-un-uuid', { name: 'X' }), 'id'],
        [() => agent.get(`${base}?status=archived`), 'status'],
        [() => agent.get(`${base}?page=0`), 'page'],
        [() => agent.get(`${base}?page=999999999999999999999999`), 'page'],
        [() => agent.get(`${base}?q=a%00b`), 'q'],
        [() => admin.patch(`${base}/${org.id}`, { name: 'Nom\u0000avec NUL' }), 'name'],
        [() => admin.patch(`${base}/${org.id}`, { description: 'x\ud800' }), 'description'],
        [() => agent.get(`${base}?pageSize=1000`), 'pageSize'],
        [() => agent.post(`${base}/${org.id}/reject`, {}), 'reason'],
        [() => agent.post(`${base}/${org.id}/reject`, { reason: 'no' }), 'reason'],
        [() => agent.post(`${base}/${org.id}/reject`, { reason: 'x'.repeat(1001) }), 'reason'],
        [() => agent.post(`${base}/pas-un-uuid/validate`), 'id'],
        [() => agent.get(`${base}/123/back-office`), 'id'],
        [() => pro.get(`${base}/by-siret/abc`), 'siret'],
      ];
      for (const [call, field] of cases) {
        const res = await call();
        assert.equal(res.status, 400, `${field}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.parameter, field, JSON.stringify(res.body));
      }
    });
  });
});
