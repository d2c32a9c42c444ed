// The round trip the issue asks for: the Drôme's open data export, imported into a fresh tenant of
// the Drôme, exported again, gives the same records, ids aside. A fresh tenant on the Drôme's code
// needs a database of its own (the shared test database's demo tenant holds code 26): the test
// loads the Drôme's demo there, exports it over HTTP, deletes the tenant, opens a new one on the
// same code, has its admin import both files (structures validated, services published) and
// exports again.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import supertest from 'supertest';
import type { ImportReport } from '@catalogue/contracts';
import { createApp } from '../../app.js';
import { createDataSource } from '../../common/database/data-source.js';
import { loadDemoData } from '../../demo/demo-loader.js';
import { upsertTenant } from '../../database/tenant-writer.js';
import { addMembership, makeUser, signedIn } from '../../testing/accounts.js';
import { scratchDatabaseAvailable, withScratchDatabase, type ScratchDatabase } from '../../testing/scratch-database.js';
import { deleteTenant } from '../../testing/test-database.js';

type DiRecord = Record<string, unknown>;

/** The app on the scratch database, for one piece of work. */
async function withApp<T>(db: ScratchDatabase, work: (http: ReturnType<typeof supertest>) => Promise<T>): Promise<T> {
  const dataSource = createDataSource({ url: db.appUrl, poolSize: 4 });
  await dataSource.initialize();
  const app = await createApp({ dataSource, logLevels: ['error'], settings: { mailWorker: false } });
  await app.init();
  try {
    return await work(supertest(app.getHttpServer()));
  } finally {
    await app.close();
    await dataSource.destroy();
  }
}

async function exportOf(http: ReturnType<typeof supertest>, slug: string) {
  const get = async (kind: 'structures' | 'services') => {
    const res = await http.get(`/api/v1/tenants/${slug}/data-inclusion/${kind}.json`).buffer(true);
    assert.equal(res.status, 200, `${kind}: ${res.status}`);
    return JSON.parse(res.text as string) as DiRecord[];
  };
  return { structures: await get('structures'), services: await get('services') };
}

/**
 * A record without what names this tenant or this row (ids, source, links to the tenant's pages,
 * the date of the last change, which an import sets to its own day): what must survive the trip,
 * keyed by its structure's name and its own name. A service names its structure by the structure's
 * name instead of its id.
 */
function comparable(records: DiRecord[], structureNames: Map<string, unknown>): Map<string, DiRecord> {
  const out = new Map<string, DiRecord>();
  for (const r of records) {
    const {
      id: _id,
      source: _source,
      lien_source: _link,
      lien_mobilisation: mobilisation,
      date_maj: _date,
      ...rest
    } = r;
    if ('structure_id' in rest) rest.structure_id = structureNames.get(rest.structure_id as string) ?? '?';
    rest.lien_mobilisation = mobilisation ? 'page de l’offre' : null;
    const key = `${String(rest.structure_id ?? '')} / ${String(rest.nom)} / ${String(rest.adresse)}`;
    assert.ok(!out.has(key), `two records named ${key}`);
    out.set(key, rest);
  }
  return out;
}

/** The fields that differ, per record, between two exports (empty when the same). */
function differences(after: Map<string, DiRecord>, before: Map<string, DiRecord>): string[] {
  const problems: string[] = [];
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    const a = after.get(key);
    const b = before.get(key);
    if (!a || !b) {
      problems.push(`${key}: ${a ? 'added' : 'lost'}`);
      continue;
    }
    for (const field of new Set([...Object.keys(a), ...Object.keys(b)]))
      if (JSON.stringify(a[field]) !== JSON.stringify(b[field]))
        problems.push(`${key}: ${field} ${JSON.stringify(b[field])} → ${JSON.stringify(a[field])}`);
  }
  return problems;
}

const namesOf = (structures: DiRecord[]) => new Map(structures.map((s) => [s.id as string, s.nom]));

describe('data·inclusion round trip', { skip: !scratchDatabaseAvailable() && 'needs the embedded server' }, () => {
  it('exports the Drôme, imports it into a fresh tenant of the Drôme and exports the same records, ids aside', async () => {
    await withScratchDatabase(async (db) => {
      await loadDemoData(db.ownerUrl, new Date(), ['drome']);
      const first = await withApp(db, (http) => exportOf(http, 'drome'));
      assert.ok(first.structures.length >= 20 && first.services.length >= 60, 'the Drôme demo is exported');

      const owner = new pg.Client({ connectionString: db.ownerUrl });
      await owner.connect();
      try {
        const { rows } = await owner.query<{ id: string }>(`SELECT id FROM tenant WHERE slug = 'drome'`);
        await deleteTenant(db.superuserUrl, rows[0]!.id);
        const fresh = await upsertTenant(owner, '26', 'drome-bis', 'Drôme (nouvelle)');

        const second = await withApp(db, async (http) => {
          const user = await makeUser(owner);
          await addMembership(owner, fresh, user.id, 'admin');
          const admin = await signedIn(owner, http, user);
          const send = async (records: DiRecord[], fields: Record<string, string>) => {
            let req = http
              .post('/api/v1/tenants/drome-bis/data-inclusion/import')
              .set('Cookie', admin.cookie)
              .set('X-CSRF-Token', admin.csrfToken);
            for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
            const res = await req.attach('file', Buffer.from(JSON.stringify(records)), 'drome.json');
            assert.equal(res.status, 200, JSON.stringify(res.body).slice(0, 500));
            const report = res.body as ImportReport;
            const refused = report.lines.filter((l) => l.status === 'refused');
            assert.deepEqual(refused, [], 'no record of the export is refused');
            return report;
          };
          const structures = await send(first.structures, { kind: 'structures', structureStatus: 'validated' });
          assert.equal(structures.counts.created, first.structures.length);
          const services = await send(first.services, { kind: 'services', offerStatus: 'published' });
          assert.equal(services.counts.created, first.services.length);
          return exportOf(http, 'drome-bis');
        });

        const structures = differences(
          comparable(second.structures, namesOf(second.structures)),
          comparable(first.structures, namesOf(first.structures)),
        );
        assert.deepEqual(structures, [], 'the structures come back the same');
        const services = differences(
          comparable(second.services, namesOf(second.structures)),
          comparable(first.services, namesOf(first.structures)),
        );
        assert.deepEqual(services, [], 'the services come back the same');
      } finally {
        await owner.end();
      }
    });
  });
});
