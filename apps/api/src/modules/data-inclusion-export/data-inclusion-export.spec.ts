// The data·inclusion export over HTTP, as a reuser reads it: the demo Drôme's whole export
// validates against the national schemas in JSON and in CSV read back; only published offers of
// validated structures and validated structures leave, never another département's; ids are
// stable; caching headers and conditional requests; a client that goes away frees its transaction.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DataInclusionExportInfo } from '@catalogue/contracts';
import { communesOf, freshSiret, makeOffer, makeOrganization } from '../../testing/factories.js';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { createTenant, releaseTenant, type TestTenant } from '../../testing/test-database.js';
import { inTenantTransaction, insertOffers, type OfferInput } from '../../database/catalogue-writer.js';
import {
  SERVICE_FIELDS,
  SERVICE_SCHEMA,
  STRUCTURE_FIELDS,
  STRUCTURE_SCHEMA,
} from '../../common/data-inclusion/data-inclusion-schemas.js';
import {
  assertValid,
  parseDataInclusionCsv,
  validateService,
  validateStructure,
} from './data-inclusion-export.test-helpers.js';
import { EXPORT_BATCH } from './data-inclusion-export.service.js';

type Rec = { id: string; [k: string]: unknown };

describe('data·inclusion export', () => {
  let api: ApiTest;
  let other: TestTenant;
  const base = (slug: string) => `/api/v1/tenants/${slug}/data-inclusion`;
  const get = (path: string, headers: Record<string, string> = {}) => {
    const req = api.t.http
      .get(path)
      .buffer(true)
      .parse((res, cb) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (text += c));
        res.on('end', () => cb(null, text));
      });
    for (const [k, v] of Object.entries(headers)) req.set(k, v);
    return req;
  };
  const json = async (path: string): Promise<Rec[]> => {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    return JSON.parse(res.body as string) as Rec[];
  };

  before(async () => {
    api = await startApiTest();
    other = await createTenant(api.owner);
  });
  after(async () => {
    await api.close();
    await releaseTenant(other.id);
  });

  describe('the demo Drôme', () => {
    let info: DataInclusionExportInfo;
    before(async () => {
      const res = await api.t.http.get(base('drome'));
      assert.equal(res.status, 200);
      info = res.body as DataInclusionExportInfo;
    });

    it('describes itself: licence, schema version, counts, last change, addresses', () => {
      assert.equal(info.source, 'catalogue-insertion-drome');
      assert.equal(info.licence.spdx, 'etalab-2.0');
      assert.equal(info.schema.version, '1.0.8');
      assert.ok(info.counts.services > 50 && info.counts.structures > 20, JSON.stringify(info.counts));
      assert.ok(info.lastModified && !Number.isNaN(Date.parse(info.lastModified)));
      assert.match(info.services.csv, /\/api\/v1\/tenants\/drome\/data-inclusion\/services\.csv$/);
    });

    for (const [kind, validate, schema, fields] of [
      ['services', validateService, SERVICE_SCHEMA, SERVICE_FIELDS],
      ['structures', validateStructure, STRUCTURE_SCHEMA, STRUCTURE_FIELDS],
    ] as const) {
      it(`exports every ${kind} record valid against the national schema, in JSON and in CSV read back`, async () => {
        const records = await json(`${base('drome')}/${kind}.json`);
        assert.equal(records.length, info.counts[kind]);
        assert.equal(new Set(records.map((r) => r.id)).size, records.length, 'ids are unique');
        for (const r of records) assertValid(validate, r, `${kind} ${r.id} (JSON)`);

        const csv = await get(`${base('drome')}/${kind}.csv`);
        assert.equal(csv.status, 200);
        assert.match(String(csv.headers['content-type']), /^text\/csv/);
        const { header, records: rows } = parseDataInclusionCsv(csv.body as string, schema);
        assert.deepEqual(header, [...fields], 'the header is the schema’s fields in its order');
        assert.equal(rows.length, records.length);
        for (const r of rows) assertValid(validate, r, `${kind} (CSV)`);
        assert.deepEqual(rows, records, 'the CSV says what the JSON says');

        const bare = await json(`${base('drome')}/${kind}`);
        assert.deepEqual(bare, records, 'the bare address answers the JSON');
      });
    }

    it('gives structures their SIRET and services the structure they belong to', async () => {
      const structures = await json(`${base('drome')}/structures.json`);
      const services = await json(`${base('drome')}/services.json`);
      assert.ok(structures.some((s) => typeof s.siret === 'string' && /^\d{14}$/.test(s.siret)));
      const ids = new Set(structures.map((s) => s.id));
      for (const s of services) assert.ok(ids.has(s.structure_id as string), `${s.id}: its structure is exported`);
    });
  });

  it('is described in OpenAPI with the national schema’s records', async () => {
    type Schema = {
      type?: string;
      items: {
        properties: Record<string, Schema & { nullable?: boolean; pattern?: string }>;
        required?: string[];
      } & Schema;
      enum?: string[];
    };
    const doc = (await api.t.http.get('/api/docs-json')).body as {
      paths: Record<string, { get: { responses: Record<string, { content?: Record<string, { schema: Schema }> }> } }>;
    };
    const prefix = '/api/v1/tenants/{slug}/data-inclusion';
    for (const p of [
      '',
      '/services',
      '/services.json',
      '/services.csv',
      '/structures',
      '/structures.json',
      '/structures.csv',
    ])
      assert.ok(doc.paths[`${prefix}${p}`]?.get, `${p} in OpenAPI`);
    const services = doc.paths[`${prefix}/services`]!.get.responses['200']!.content!['application/json']!.schema;
    assert.equal(services.type, 'array');
    assert.deepEqual(Object.keys(services.items.properties), [...SERVICE_FIELDS]);
    assert.deepEqual(services.items.required, ['source', 'structure_id', 'id', 'nom', 'description', 'date_maj']);
    assert.equal(services.items.properties.adresse!.nullable, true);
    assert.ok(services.items.properties.thematiques!.items.enum!.includes('remobilisation--lien-social'));
    const structures =
      doc.paths[`${prefix}/structures.json`]!.get.responses['200']!.content!['application/json']!.schema;
    assert.deepEqual(Object.keys(structures.items.properties), [...STRUCTURE_FIELDS]);
    assert.equal(structures.items.properties.siret!.pattern, '^\\d{14}$');
  });

  describe('what leaves, and what does not', () => {
    let validated: string;
    let pending: string;
    let published: string;
    let hidden: string[];
    let otherOffer: string;
    let siret: string;
    before(async () => {
      const { owner, tenant } = api;
      siret = freshSiret();
      validated = await makeOrganization(owner, tenant, { siret });
      pending = await makeOrganization(owner, tenant, { status: 'pending', siret: freshSiret() });
      const [commune] = await communesOf(owner, tenant);
      published = await makeOffer(owner, tenant, validated, { places: [commune!], access: 'self_registration' });
      hidden = [
        await makeOffer(owner, tenant, validated, { status: 'draft' }),
        await makeOffer(owner, tenant, validated, { status: 'submitted' }),
        await makeOffer(owner, tenant, validated, { status: 'archived' }),
        await makeOffer(owner, tenant, pending, { status: 'published' }),
      ];
      const otherOrg = await makeOrganization(owner, other);
      otherOffer = await makeOffer(owner, other, otherOrg);
    });

    it('exports published offers of validated structures only, never drafts, pending structures or another département’s', async () => {
      const services = await json(`${base(api.tenant.slug)}/services.json`);
      assert.deepEqual(
        services.map((s) => s.id),
        [published],
      );
      for (const id of [...hidden, otherOffer]) assert.ok(!services.some((s) => s.id === id), id);
      const structures = await json(`${base(api.tenant.slug)}/structures.json`);
      assert.deepEqual(
        structures.map((s) => s.id),
        [validated],
      );
      assert.ok(!structures.some((s) => s.id === pending));
      assert.equal(structures[0]!.siret, siret);
      const otherServices = await json(`${base(other.slug)}/services.json`);
      assert.deepEqual(
        otherServices.map((s) => s.id),
        [otherOffer],
      );
    });

    it('keeps the ids from one export to the next', async () => {
      const first = await json(`${base(api.tenant.slug)}/services.json`);
      const second = await json(`${base(api.tenant.slug)}/services.json`);
      assert.deepEqual(second, first);
      assert.equal(first[0]!.id, published);
      assert.equal(first[0]!.lien_mobilisation, first[0]!.lien_source);
    });

    it('answers with caching headers, 304 to a current copy, a new ETag after an offer is edited', async () => {
      const path = `${base(api.tenant.slug)}/services.csv`;
      const first = await get(path);
      assert.equal(first.status, 200);
      const etag = first.headers.etag as string;
      assert.match(etag, /^"[^"]+"$/, 'a strong ETag');
      assert.equal(first.headers['cache-control'], 'public, max-age=300');
      assert.match(
        String(first.headers.link),
        /<https:\/\/www\.etalab\.gouv\.fr\/licence-ouverte-open-licence\/>; rel="license"/,
      );
      assert.match(
        String(first.headers['content-disposition']),
        /attachment; filename="data-inclusion-services-test-[a-z0-9-]+\.csv"/,
      );
      const lastModified = first.headers['last-modified'] as string;
      assert.ok(!Number.isNaN(Date.parse(lastModified)));

      const same = await get(path, { 'If-None-Match': etag });
      assert.equal(same.status, 304);
      assert.equal(same.body, '');
      assert.equal((await get(path, { 'If-Modified-Since': lastModified })).status, 304);
      assert.equal(
        (await get(`${base(api.tenant.slug)}/services.json`, { 'If-None-Match': etag })).status,
        200,
        'another form, another ETag',
      );
      assert.equal((await get(`${base(api.tenant.slug)}/services`)).headers['content-disposition'], undefined);

      await inTenantTransaction(api.owner, api.tenant.id, () =>
        api.owner.query(`UPDATE offer SET title = 'Atelier modifié', updated_at = now() WHERE id = $1`, [published]),
      );
      const changed = await get(path, { 'If-None-Match': etag });
      assert.equal(changed.status, 200);
      assert.notEqual(changed.headers.etag, etag);
      assert.match(changed.body as string, /Atelier modifié/);
    });
  });

  describe('a large export', () => {
    let big: TestTenant;
    before(async () => {
      big = await createTenant(api.owner);
      const org = await makeOrganization(api.owner, big);
      const [commune] = await communesOf(api.owner, big);
      const offers: OfferInput[] = Array.from({ length: EXPORT_BATCH * 2 + 7 }, (_, i) => ({
        organizationId: org,
        organizationName: 'Structure',
        status: 'published',
        title: `Action ${i} ${'longue '.repeat(20)}`,
        summary: 'Une action',
        description: 'Une description de l’action, assez longue pour remplir le fichier. '.repeat(10),
        themes: ['remobilisation--lien-social'],
        audiences: ['jeunes'],
        serviceTypes: ['accompagnement'],
        eligibility: '',
        cost: 'gratuit',
        modes: ['en-presentiel'],
        funding: [],
        access: 'open',
        mobilisation: ['se-presenter'],
        zoneType: 'departement',
        zoneCodes: [],
        places: [
          {
            address: '1 rue de la Gare',
            communeInsee: commune!.insee,
            communeName: commune!.name,
            lat: commune!.lat,
            lng: commune!.lng,
          },
        ],
        sessions: [],
      }));
      await inTenantTransaction(api.owner, big.id, () => insertOffers(api.owner, big, offers));
    });
    after(() => releaseTenant(big.id));

    it('reads batch after batch and misses no offer at the batches’ edges', async () => {
      const records = await json(`${base(big.slug)}/services.json`);
      assert.equal(records.length, EXPORT_BATCH * 2 + 7);
      assert.equal(new Set(records.map((r) => r.id)).size, records.length);
      const csv = await get(`${base(big.slug)}/services.csv`);
      assert.equal(parseDataInclusionCsv(csv.body as string, SERVICE_SCHEMA).records.length, records.length);
    });

    it('stops when the client goes away, and frees its database connection', async () => {
      const server = api.t.app.getHttpServer() as http.Server;
      if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      // More interrupted downloads than the app's pool has connections (4).
      for (let i = 0; i < 6; i++) {
        await new Promise<void>((resolve, reject) => {
          const req = http.get({ host: '127.0.0.1', port, path: `${base(big.slug)}/services.json` }, (res) => {
            res.once('data', () => {
              req.destroy();
              resolve();
            });
          });
          req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' ? resolve() : reject(e)));
        });
      }
      const res = await api.t.http.get(base(big.slug)).timeout(10_000);
      assert.equal(res.status, 200, 'the app still answers: no transaction was left open');
    });
  });
});
