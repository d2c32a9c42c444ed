import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Interoperability (issue 16): the tenants' API keys, for machines that read the non-public
 * routes (registration statistics, exports). The secret is never stored: only its SHA-256 (the
 * secret is 32 random bytes, so a fast hash is enough) and its first characters to tell keys apart.
 * A key is revoked, never deleted, so the audit log's references stay meaningful.
 *
 * Imports need no table: data·inclusion records keep their source and id in the existing
 * `source_key` of `organization` and `offer` (unique per tenant), which makes a second run an
 * update, and each import is an audit entry.
 */
export class AddedApiKeys1765400000000 implements MigrationInterface {
  name = 'AddedApiKeys1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE api_key (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        prefix text NOT NULL CHECK (length(prefix) BETWEEN 4 AND 32),
        secret_hash text NOT NULL UNIQUE CHECK (secret_hash ~ '^[0-9a-f]{64}$'),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz,
        revoked_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        UNIQUE (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX api_key_tenant_idx ON api_key (tenant_id, created_at)`);
    await q.query(`ALTER TABLE api_key ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE api_key FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY api_key_tenant_isolation ON api_key USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE api_key`);
  }
}
