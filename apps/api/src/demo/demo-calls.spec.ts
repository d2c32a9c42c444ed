// The demo's calls for projects (npm test loads them like npm start): what a newcomer finds in
// each demo département, read back from the database and the file storage.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_TENANTS } from '@catalogue/domain';
import type pg from 'pg';
import { FilesystemStorage } from '../common/storage/file-storage.js';
import { DEFAULT_SETTINGS } from '../config/settings.js';
import { connect } from '../testing/test-database.js';
import { inTenantTransaction } from '../database/catalogue-writer.js';

describe('demo calls for projects', () => {
  let owner: pg.Client;
  before(async () => {
    owner = await connect('owner');
  });
  after(() => owner.end());

  for (const t of DEMO_TENANTS) {
    it(`${t.slug}: one call open until 23:59:59 (Paris) with drafts and submitted dossiers, one decided last year within its envelope`, async () => {
      const { rows: tenants } = await owner.query<{ id: string }>(`SELECT id FROM tenant WHERE slug = $1`, [t.slug]);
      await inTenantTransaction(owner, tenants[0]!.id, async () => {
        const { rows: calls } = await owner.query<{
          id: string;
          status: string;
          closes_paris: string;
          envelope_cents: string;
          fiches: number;
          decided_year: number | null;
        }>(
          `SELECT c.id, c.status, to_char(c.closes_at AT TIME ZONE 'Europe/Paris', 'HH24:MI:SS') AS closes_paris, c.envelope_cents,
                (SELECT count(*)::int FROM funding_call_fiche f WHERE f.call_id = c.id) AS fiches,
                extract(year FROM c.decided_at)::int AS decided_year
           FROM funding_call c JOIN tenant t ON t.id = c.tenant_id WHERE t.slug = $1 ORDER BY c.status DESC`,
          [t.slug],
        );
        assert.deepEqual(
          calls.map((c) => c.status),
          ['published', 'decided'],
        );
        const [open, decided] = calls;
        assert.equal(open!.closes_paris, '23:59:59');
        assert.ok(open!.fiches > 0 && decided!.fiches > 0, 'each call serves fiches of the plan');
        assert.equal(decided!.decided_year, new Date().getUTCFullYear() - 1);

        const statuses = async (callId: string) =>
          (
            await owner.query<{ status: string }>(`SELECT status FROM application WHERE call_id = $1 ORDER BY status`, [
              callId,
            ])
          ).rows.map((r) => r.status);
        assert.deepEqual(await statuses(open!.id), ['draft', 'draft', 'submitted', 'submitted']);
        assert.deepEqual(await statuses(decided!.id), ['rejected', 'rejected', 'selected', 'selected']);

        const { rows: money } = await owner.query<{
          granted: string;
          agreements: number;
          offers: number;
          scores: number;
        }>(
          `SELECT (SELECT sum(amount_granted_cents) FROM application WHERE call_id = $1) AS granted,
                (SELECT count(*)::int FROM agreement WHERE call_id = $1 AND status = 'running') AS agreements,
                (SELECT count(*)::int FROM agreement a JOIN offer o ON o.id = a.offer_id AND o.status = 'published' WHERE a.call_id = $1) AS offers,
                (SELECT count(*)::int FROM application_score s JOIN application a ON a.id = s.application_id WHERE a.call_id = $1) AS scores`,
          [decided!.id],
        );
        assert.ok(Number(money[0]!.granted) <= Number(decided!.envelope_cents));
        assert.equal(money[0]!.agreements, 2);
        assert.equal(money[0]!.offers, 2, 'each agreement funds a published offer of its structure');
        assert.equal(money[0]!.scores, 4);
      });
    });
  }

  it('keeps every demo document in the file storage, as a PDF', async () => {
    const storage = new FilesystemStorage(DEFAULT_SETTINGS.filesDir);
    const { rows: tenants } = await owner.query<{ id: string }>(`SELECT id FROM tenant WHERE slug = $1`, ['drome']);
    const { rows } = await inTenantTransaction(owner, tenants[0]!.id, () =>
      owner.query<{ storage_key: string }>(
        `SELECT storage_key FROM funding_call_document UNION ALL SELECT storage_key FROM application_document
         UNION ALL SELECT signed_storage_key FROM agreement
         UNION ALL SELECT letter_storage_key FROM application WHERE status IN ('selected', 'rejected')`,
      ),
    );
    assert.ok(rows.length >= 2 + 12 + 2 + 4, `${rows.length} documents`);
    for (const r of rows) assert.equal((await storage.read(r.storage_key)).subarray(0, 5).toString(), '%PDF-');
  });
});
