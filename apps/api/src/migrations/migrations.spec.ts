// Migrations are the only way the schema changes: each goes up and down over real data.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createDataSource, MIGRATIONS } from '../common/database/data-source.js';
import { prepareDatabase } from '../common/database/embedded-postgres.js';
import { syncReferenceData } from '../database/reference-data.js';
import { inTenantTransaction, upsertOffer, upsertOrganization } from '../database/catalogue-writer.js';
import { upsertTenant } from '../demo/demo-loader.js';
import { testUrls } from '../testing/test-database.js';

const superuserUrl = process.env.TEST_DATABASE_SUPERUSER_URL;

describe(
  'migrations',
  { skip: superuserUrl ? false : 'needs the embedded test server (a scratch database is created)' },
  () => {
    const database = `catalogue_migrations_${randomUUID().slice(0, 8)}`;
    const url = (role: string) => {
      const u = new URL(role === 'owner' ? testUrls().ownerUrl : superuserUrl!);
      u.pathname = `/${database}`;
      return u.toString();
    };
    const admin = () => new pg.Client({ connectionString: superuserUrl });

    before(async () => {
      await prepareDatabase((db = 'postgres') => {
        const u = new URL(superuserUrl!);
        u.pathname = `/${db}`;
        return u.toString();
      }, database);
    });
    after(async () => {
      const c = admin();
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await c.end();
    });

    it('go up, keep data when the last one goes down and up again, and all go down', async () => {
      const ds = createDataSource({ url: url('owner'), poolSize: 1 });
      await ds.initialize();
      try {
        assert.equal((await ds.runMigrations({ transaction: 'each' })).length, MIGRATIONS.length);
        assert.equal(await ds.showMigrations(), false, 'nothing pending');
        await syncReferenceData(url('owner'));
        const owner = new pg.Client({ connectionString: url('owner') });
        await owner.connect();
        const tenant = await upsertTenant(owner, '26', 'drome', 'Drôme');
        const [commune] = (await owner.query(`SELECT insee, name, lat, lng FROM commune WHERE insee = '26362'`)).rows;
        await inTenantTransaction(owner, tenant.id, async () => {
          const org = await upsertOrganization(owner, tenant.id, { name: 'Garage solidaire', kind: 'association' });
          await upsertOffer(owner, tenant, {
            organizationId: org,
            organizationName: 'Garage solidaire',
            status: 'published',
            title: 'Réparation solidaire',
            summary: '',
            description: '',
            themes: ['mobilite--entretenir-reparer-son-vehicule'],
            audiences: [],
            serviceTypes: [],
            eligibility: '',
            cost: 'gratuit',
            modes: ['en-presentiel'],
            access: 'prescription',
            mobilisation: [],
            zoneType: 'departement',
            zoneCodes: [],
            funding: [],
            places: [
              {
                address: '1 rue',
                communeInsee: commune.insee,
                communeName: commune.name,
                lat: commune.lat,
                lng: commune.lng,
              },
            ],
            sessions: [],
          });
        });
        const count = async () =>
          inTenantTransaction(owner, tenant.id, async () =>
            Number((await owner.query(`SELECT count(*) AS n FROM offer`)).rows[0].n),
          );
        assert.equal(await count(), 1);

        await ds.undoLastMigration({ transaction: 'each' });
        assert.equal(await count(), 1, 'the offer survives the last migration going down');
        await ds.runMigrations({ transaction: 'each' });
        assert.equal(await count(), 1);
        const version = () =>
          inTenantTransaction(owner, tenant.id, async () =>
            Number((await owner.query(`SELECT version FROM catalogue_version`)).rows[0]?.version ?? 0),
          );
        const before = await version();
        await inTenantTransaction(owner, tenant.id, () =>
          owner.query(`UPDATE offer SET title = 'Réparation à prix solidaire'`),
        );
        assert.equal(await version(), before + 1, 'a change moves the catalogue version once committed');
        await owner.end();

        for (let i = 0; i < MIGRATIONS.length; i++) await ds.undoLastMigration({ transaction: 'each' });
        const tables = await ds.query(
          `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migration'`,
        );
        assert.deepEqual(tables, [], 'every table is gone');
      } finally {
        await ds.destroy();
      }
    });
  },
);
