// The data·inclusion import as an admin uses it: dry run, import, a second run that changes
// nothing, an update, CSV, and two imports of one file at once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ImportReport } from '@catalogue/contracts';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { clientWithRole, type SignedInClient } from '../../testing/accounts.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { fixtureFor, type DiJson } from './data-inclusion-import.test-helpers.js';

describe('data·inclusion import', () => {
  let api: ApiTest;
  let admin: SignedInClient;
  let fixture: DiJson;
  let url: string;
  before(async () => {
    api = await startApiTest();
    admin = await clientWithRole(api.owner, api.t.http, api.tenant, 'admin');
    fixture = await fixtureFor(api.owner, api.tenant);
    url = `/api/v1/tenants/${api.tenant.slug}/data-inclusion/import`;
  });
  after(() => api.close());

  const send = async (file: string | Buffer, fields: Record<string, string> = {}, name = 'drome.json') => {
    let req = api.t.http.post(url).set('Cookie', admin.cookie).set('X-CSRF-Token', admin.csrfToken);
    for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
    const res = await req.attach('file', Buffer.from(file), name);
    assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 500));
    return res.body as ImportReport;
  };
  const asOwner = <R>(sql: string, params: unknown[]) =>
    inTenantTransaction(api.owner, api.tenant.id, async () => (await api.owner.query<R & object>(sql, params)).rows);
  const rows = async (source: string) =>
    (
      await asOwner<{ n: number; latest: Date | null }>(
        `SELECT (SELECT count(*) FROM organization WHERE tenant_id = $1 AND source_key LIKE $2)::int
              + (SELECT count(*) FROM offer WHERE tenant_id = $1 AND source_key LIKE $2)::int AS n,
                greatest((SELECT max(updated_at) FROM organization WHERE tenant_id = $1 AND source_key LIKE $2),
                         (SELECT max(updated_at) FROM offer WHERE tenant_id = $1 AND source_key LIKE $2)) AS latest`,
        [api.tenant.id, `di:${source}:%`],
      )
    )[0]!;
  const byId = (r: ImportReport) => new Map(r.lines.map((l) => [l.line, l]));
  const messages = (r: ImportReport, line: number) =>
    byId(r)
      .get(line)!
      .errors.map((e) => `${e.column}|${e.message}`);

  it('a dry run reports each line, refusing the bad ones by field and value, and writes nothing', async () => {
    const report = await send(JSON.stringify(fixture), { dryRun: 'true', offerStatus: 'published' });
    assert.equal(report.dryRun, true);
    assert.deepEqual(report.counts, { created: 11, updated: 0, unchanged: 0, refused: 6 });
    assert.deepEqual(messages(report, 5), ['nom|nom : champ obligatoire manquant']);
    assert.deepEqual(messages(report, 13), ['thematiques|thematiques : code inconnu « cuisine-du-monde »']);
    assert.deepEqual(messages(report, 14), ['publics|publics : code inconnu « astronautes »']);
    assert.match(
      messages(report, 15)[0]!,
      /^code_insee\|code_insee : la commune « 75056 » \(Paris\) n’est pas dans le département/,
    );
    assert.deepEqual(messages(report, 16), [
      'structure_id|structure_id : structure « drome-inconnue » inconnue, ni dans ce fichier ni déjà importée',
    ]);
    assert.deepEqual(messages(report, 17), [
      'structure_id|structure_id : la structure « drome-s5 » est refusée dans ce fichier',
    ]);
    assert.ok(report.lines.filter((l) => l.status === 'created').every((l) => l.id === null));
    assert.equal((await rows('dora')).n, 0);
  });

  it('imports what the dry run announced, published offers reach the search, and the audit log has it', async () => {
    const dry = await send(JSON.stringify(fixture), { dryRun: 'true', offerStatus: 'published' });
    const real = await send(JSON.stringify(fixture), { offerStatus: 'published' });
    assert.equal(real.dryRun, false);
    assert.deepEqual(
      real.lines.map(({ id: _, ...l }) => l),
      dry.lines.map(({ id: _, ...l }) => l),
    );
    assert.equal((await rows('dora')).n, 11);
    const search = await api.t.http.get(
      `/api/v1/tenants/${api.tenant.slug}/offers?q=${encodeURIComponent('épicerie sociale')}`,
    );
    assert.ok(
      search.body.items.some((o: { title: string }) => o.title === 'Épicerie sociale'),
      JSON.stringify(search.body).slice(0, 300),
    );
    const audit = await asOwner<{ summary: string; actor_id: string }>(
      `SELECT summary, actor_id FROM audit_log WHERE tenant_id = $1 AND action = 'data_inclusion.import'`,
      [api.tenant.id],
    );
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.actor_id, admin.user.id);
    assert.match(audit[0]!.summary, /« drome\.json » : créées 11, mises à jour 0, inchangées 0, refusées 6 \(offres/);
  });

  it('a second run of the same file reports every line unchanged and changes nothing', async () => {
    const before = await rows('dora');
    const again = await send(JSON.stringify(fixture), { offerStatus: 'published' });
    assert.deepEqual(again.counts, { created: 0, updated: 0, unchanged: 11, refused: 6 });
    assert.deepEqual(await rows('dora'), before);
  });

  it('a changed record is updated, its status kept', async () => {
    const changed = fixture.map((r) => (r.id === 'drome-v7' ? { ...r, nom: 'Épicerie sociale et solidaire' } : r));
    const report = await send(JSON.stringify(changed), { offerStatus: 'draft' });
    assert.deepEqual(report.counts, { created: 0, updated: 1, unchanged: 10, refused: 6 });
    const offer = await asOwner(
      `SELECT title, status FROM offer WHERE tenant_id = $1 AND source_key = 'di:dora:drome-v7'`,
      [api.tenant.id],
    );
    assert.deepEqual(offer, [{ title: 'Épicerie sociale et solidaire', status: 'published' }]);
  });

  it('reads the CSV form: header line 1, lists joined by |, structures pending when asked', async () => {
    const source = `csv-${randomUUID().slice(0, 8)}`;
    const csv =
      '\uFEFFid,source,nom,date_maj,siret,code_insee\r\n' +
      `a1,${source},"Maison de l’emploi, antenne",2026-01-02,,\r\n` +
      `a2,${source},Xy,2026-01-02,,\r\n`;
    const report = await send(csv, { structureStatus: 'pending' }, 'structures.csv');
    assert.deepEqual(
      report.lines.map((l) => [l.line, l.kind, l.status]),
      [
        [2, 'structure', 'created'],
        [3, 'structure', 'refused'],
      ],
    );
    assert.deepEqual(messages(report, 3), ['nom|nom : 3 caractères au moins']);
    const org = await asOwner(`SELECT name, status FROM organization WHERE source_key = $1`, [`di:${source}:a1`]);
    assert.deepEqual(org, [{ name: 'Maison de l’emploi, antenne', status: 'pending' }]);
  });

  it('two imports of one file at once create each record once', async () => {
    // Large enough that the two transactions overlap: without the tenant's import lock the second
    // reads « absent » before the first commits and creates or fails on the unique source key.
    const source = `race-${randomUUID().slice(0, 8)}`;
    const structures = Array.from({ length: 150 }, (_, i) => ({
      source,
      id: `s${i}`,
      nom: `Structure ${i}`,
      date_maj: '2026-01-01',
    }));
    const services = Array.from({ length: 300 }, (_, i) => ({
      source,
      id: `v${i}`,
      structure_id: `s${i % 150}`,
      nom: `Service ${i}`,
      description: `Service numéro ${i}.`,
      thematiques: ['mobilite--preparer-un-permis'],
      date_maj: '2026-01-01',
    }));
    const file = JSON.stringify([...structures, ...services]);
    const [a, b] = await Promise.all([
      send(file, { offerStatus: 'published' }),
      send(file, { offerStatus: 'published' }),
    ]);
    assert.deepEqual(
      [
        a.counts.created + b.counts.created,
        a.counts.unchanged + b.counts.unchanged,
        a.counts.refused + b.counts.refused,
      ],
      [450, 450, 0],
      JSON.stringify([a.counts, b.counts]),
    );
    assert.equal((await rows(source)).n, 450);
  });
});
