import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search at national scale (docs/adr/004): matching, filters, facets and distances move to the
 * API's in-memory index, rebuilt from PostgreSQL when the per-tenant catalogue version moves; the
 * typo lexicon gets a trigram index that starts with the tenant.
 */
export class AddedCatalogueVersionAndSearchIndexes1763870000000 implements MigrationInterface {
  name = 'AddedCatalogueVersionAndSearchIndexes1763870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);

    await q.query(`DROP INDEX search_term_trgm_idx`);
    await q.query(`CREATE INDEX search_term_trgm_idx ON search_term USING gin (tenant_id, word gin_trgm_ops)`);
    // Matching, filters, facets and distances are computed by the in-memory index (ADR 004).
    await q.query(`DROP INDEX offer_search_idx, offer_themes_idx, offer_zone_idx, offer_place_earth_idx`);

    await q.query(`
      CREATE TABLE catalogue_version (
        tenant_id uuid PRIMARY KEY REFERENCES tenant(id) ON DELETE CASCADE,
        version bigint NOT NULL DEFAULT 1,
        changed_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`ALTER TABLE catalogue_version ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE catalogue_version FORCE ROW LEVEL SECURITY`);
    await q.query(`
      CREATE POLICY catalogue_version_tenant_isolation ON catalogue_version
        USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())`);
    await q.query(`
      CREATE FUNCTION catalogue_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO catalogue_version AS v (tenant_id) VALUES (coalesce(NEW.tenant_id, OLD.tenant_id))
        ON CONFLICT (tenant_id) DO UPDATE SET version = v.version + 1, changed_at = now();
        RETURN NULL;
      END $$`);
    for (const table of ['offer', 'offer_place', 'organization']) {
      await q.query(`CREATE TRIGGER ${table}_catalogue_changed AFTER INSERT OR UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION catalogue_changed()`);
    }
    // No backfill: a tenant without a row reads as version 0 until its first change creates it.
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['offer', 'offer_place', 'organization']) await q.query(`DROP TRIGGER ${table}_catalogue_changed ON ${table}`);
    await q.query(`DROP FUNCTION catalogue_changed()`);
    await q.query(`DROP TABLE catalogue_version`);
    await q.query(`DROP INDEX search_term_trgm_idx`);
    await q.query(`CREATE INDEX search_term_trgm_idx ON search_term USING gin (word gin_trgm_ops)`);
    await q.query(`CREATE INDEX offer_search_idx ON offer USING gin (search_vector) WHERE status = 'published'`);
    await q.query(`CREATE INDEX offer_themes_idx ON offer USING gin (theme_index) WHERE status = 'published'`);
    await q.query(`CREATE INDEX offer_zone_idx ON offer USING gin (zone_keys) WHERE status = 'published'`);
    await q.query(`CREATE INDEX offer_place_earth_idx ON offer_place USING gist (ll_to_earth(lat, lng))`);
  }
}
