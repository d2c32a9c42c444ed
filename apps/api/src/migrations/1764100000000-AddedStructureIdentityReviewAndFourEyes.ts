import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The identity of a validated structure (name, SIRET, prescriber flag) changes through a reviewed
 * `organization_change` (one pending per structure, guarded here); who last edited a structure
 * (`organization.updated_by`); the département's « double validation » setting (`tenant.four_eyes`).
 */
export class AddedStructureIdentityReviewAndFourEyes1764100000000 implements MigrationInterface {
  name = 'AddedStructureIdentityReviewAndFourEyes1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tenant ADD COLUMN four_eyes boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE organization ADD COLUMN updated_by uuid REFERENCES app_user(id) ON DELETE SET NULL`);
    await q.query(`
      CREATE TABLE organization_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL,
        proposed jsonb NOT NULL CHECK (jsonb_typeof(proposed) = 'object' AND proposed <> '{}' AND proposed - ARRAY['name', 'siret', 'prescriber'] = '{}'),
        previous jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(previous) = 'object'),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'refused')),
        reason text CHECK (length(reason) <= 1000),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        decided_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        decided_at timestamptz,
        CHECK ((status = 'pending') = (decided_at IS NULL)),
        CHECK ((status = 'refused') = (reason IS NOT NULL)),
        FOREIGN KEY (tenant_id, organization_id) REFERENCES organization (tenant_id, id) ON DELETE CASCADE
      )`);
    // One pending change per structure, whatever the application does (two requests at once).
    await q.query(
      `CREATE UNIQUE INDEX organization_change_one_pending ON organization_change (tenant_id, organization_id) WHERE status = 'pending'`,
    );
    await q.query(
      `CREATE INDEX organization_change_tenant_idx ON organization_change (tenant_id, organization_id, created_at DESC)`,
    );
    await q.query(`ALTER TABLE organization_change ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE organization_change FORCE ROW LEVEL SECURITY`);
    await q.query(
      `CREATE POLICY organization_change_tenant_isolation ON organization_change USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS organization_change`);
    await q.query(`ALTER TABLE organization DROP COLUMN updated_by`);
    await q.query(`ALTER TABLE tenant DROP COLUMN four_eyes`);
  }
}
