import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Authenticating an API key: the request names no tenant we can trust before the key is known
 * (a key of the Drôme may be sent to the Isère's routes, which must answer 404 like to any
 * stranger, not 401), so the key is looked up by its hash before any tenant is set.
 *
 * Chosen over a SECURITY DEFINER function: under FORCE ROW LEVEL SECURITY a definer function
 * owned by the table's owner is filtered all the same (the owner has no BYPASSRLS), and giving it
 * one would open every tenant table. Instead, a second SELECT-only policy shows the one row whose
 * `secret_hash` the transaction states in `app.api_key_hash`: knowing the hash of a 256-bit secret
 * is knowing the key, nothing can be listed, nothing written. The `last_used_at` touch then runs
 * with the key's tenant set, under the usual policy.
 */
export class AddedApiKeyLookupBySecret1765400000400 implements MigrationInterface {
  name = 'AddedApiKeyLookupBySecret1765400000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE POLICY api_key_by_secret ON api_key FOR SELECT
         USING (secret_hash = nullif(current_setting('app.api_key_hash', true), ''))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP POLICY api_key_by_secret ON api_key`);
  }
}
