// Every input of the data·inclusion import refuses bad values with a 400 naming the field, never a
// 500, and nothing is written.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IMPORT_LIMITS } from '@catalogue/contracts';
import { startApiTest, type ApiTest } from '../../testing/test-app.js';
import { inTenantTransaction } from '../../database/catalogue-writer.js';
import { clientWithRole, type SignedInClient } from '../../testing/accounts.js';

describe('bad input on the data·inclusion import', () => {
  let api: ApiTest;
  let admin: SignedInClient;
  before(async () => {
    api = await startApiTest();
    admin = await clientWithRole(api.owner, api.t.http, api.tenant, 'admin');
  });
  after(() => api.close());

  const good = JSON.stringify([{ source: 'bad-input', id: 's1', nom: 'Structure correcte', date_maj: '2026-01-01' }]);
  // [why, file (null: none), fields, field named in the answer]
  const cases: [string, Buffer | null, Record<string, string>, string][] = [
    ['no file', null, {}, 'file'],
    ['an empty file', Buffer.alloc(0), {}, 'file'],
    ['an object, not a list', Buffer.from('{"source": "x"}'), {}, 'file'],
    ['broken JSON', Buffer.from('[{"source": "x",'), {}, 'file'],
    ['a list of numbers', Buffer.from('[1, 2]'), {}, 'file'],
    ['a list of lists', Buffer.from('[[{"id": "a"}]]'), {}, 'file'],
    ['an empty list', Buffer.from('[]'), {}, 'file'],
    ['deep nesting', Buffer.from(`[{"nom": ${'['.repeat(5000)}${']'.repeat(5000)}}]`), {}, 'file'],
    ['invalid UTF-8', Buffer.from([0x5b, 0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x5d]), {}, 'file'],
    ['Windows-1252 CSV', Buffer.from('id,source,nom,date_maj\na,b,Cr\xe8che,2026-01-01\n', 'latin1'), {}, 'file'],
    ['a NUL character', Buffer.from('[{"nom": "a\u0000b"}]'), {}, 'file'],
    ['a CSV line with too many cells', Buffer.from('id,source,nom,date_maj\na,b,c,d,e\n'), {}, 'file'],
    ['a CSV header only', Buffer.from('id,source,nom,date_maj\n'), {}, 'file'],
    [
      'too many records',
      Buffer.from(`[${Array.from({ length: IMPORT_LIMITS.dataInclusionRecords + 1 }, () => '{}').join(',')}]`),
      {},
      'file',
    ],
    ['dryRun not a boolean', Buffer.from(good), { dryRun: 'perhaps' }, 'dryRun'],
    ['an unknown offer status', Buffer.from(good), { offerStatus: 'archived' }, 'offerStatus'],
    ['an unknown structure status', Buffer.from(good), { structureStatus: 'rejected' }, 'structureStatus'],
    ['an unknown kind', Buffer.from(good), { kind: 'offers' }, 'kind'],
  ];
  for (const [why, file, fields, field] of cases)
    it(`${why}: 400 naming ${field}`, async () => {
      let req = api.t.http
        .post(`/api/v1/tenants/${api.tenant.slug}/data-inclusion/import`)
        .set('Cookie', admin.cookie)
        .set('X-CSRF-Token', admin.csrfToken);
      for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
      const res = file ? await req.attach('file', file, 'f.json') : await req.field('dryRun', 'true');
      assert.equal(res.status, 400, JSON.stringify(res.body).slice(0, 300));
      assert.equal(res.body.parameter, field, JSON.stringify(res.body).slice(0, 300));
      const { rows } = await inTenantTransaction(api.owner, api.tenant.id, () =>
        api.owner.query(`SELECT 1 FROM organization WHERE tenant_id = $1 AND source_key LIKE 'di:%'`, [api.tenant.id]),
      );
      assert.equal(rows.length, 0);
    });

  it('JSON sent without multipart: 400 naming file', async () => {
    const res = await admin.post(`/api/v1/tenants/${api.tenant.slug}/data-inclusion/import`, { file: good });
    assert.equal(res.status, 400);
    assert.equal(res.body.parameter, 'file');
  });
});
