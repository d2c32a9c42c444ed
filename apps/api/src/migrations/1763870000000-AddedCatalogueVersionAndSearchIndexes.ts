import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search at national scale (docs/adr/004): matching, filters, facets and distances move to the
 * API's in-memory index, rebuilt from PostgreSQL when the per-tenant catalogue version moves; the
 * typo lexicon gets a trigram index that starts with the tenant and learns eligibility words; the
 * field's acronyms are indexed as written (the French configuration stems "VAE" and drops "AI").
 */
const SEARCH_VECTOR = `setweight(to_tsvector('fr', title), 'A') || setweight(to_tsvector('fr', summary), 'B') ||
  setweight(to_tsvector('fr', search_extra), 'C') || setweight(to_tsvector('fr', description || ' ' || eligibility), 'D')`;
const SEARCH_VECTOR_WITH_ACRONYMS = `${SEARCH_VECTOR} || setweight(to_tsvector('simple', search_acronyms), 'C')`;

/** The lexicon trigger's function, with or without the eligibility text. */
const FEED_SEARCH_TERMS = (withEligibility: boolean) => `
  CREATE OR REPLACE FUNCTION offer_feed_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NEW.status = 'published' THEN
      INSERT INTO search_term (tenant_id, word)
      SELECT DISTINCT NEW.tenant_id, w
        FROM regexp_split_to_table(
               lower(f_unaccent(NEW.title || ' ' || NEW.summary || ' ' || NEW.search_extra || ' ' || NEW.description${withEligibility ? " || ' ' || NEW.eligibility" : ''})),
               '[^a-z0-9]+') AS w
       WHERE length(w) >= 3
      ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
  END $$`;

export class AddedCatalogueVersionAndSearchIndexes1763870000000 implements MigrationInterface {
  name = 'AddedCatalogueVersionAndSearchIndexes1763870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);

    await q.query(`DROP INDEX search_term_trgm_idx`);
    await q.query(`CREATE INDEX search_term_trgm_idx ON search_term USING gin (tenant_id, word gin_trgm_ops)`);
    await q.query(`ALTER TABLE offer ADD COLUMN search_acronyms text NOT NULL DEFAULT ''`);
    await q.query(`ALTER TABLE offer DROP COLUMN search_vector`);
    await q.query(
      `ALTER TABLE offer ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (${SEARCH_VECTOR_WITH_ACRONYMS}) STORED`,
    );
    await q.query(FEED_SEARCH_TERMS(true));
    await q.query(`DROP TRIGGER offer_feed_search_terms ON offer`);
    await q.query(`CREATE TRIGGER offer_feed_search_terms AFTER INSERT OR UPDATE OF status, title, summary, search_extra, description, eligibility ON offer
                   FOR EACH ROW EXECUTE FUNCTION offer_feed_search_terms()`);
    // Matching, filters, facets and distances are computed by the in-memory index (ADR 004).
    await q.query(`DROP INDEX IF EXISTS offer_search_idx, offer_themes_idx, offer_zone_idx, offer_place_earth_idx`);

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
    // Runs at commit (deferred): by then the transaction may have moved on to another tenant (the
    // demo loader writes several), so the bump is made under the row's own tenant, the one RLS
    // checked when the row was written, and the previous setting is put back.
    await q.query(`
      CREATE FUNCTION catalogue_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        row_tenant uuid := coalesce(NEW.tenant_id, OLD.tenant_id);
        previous text := current_setting('app.tenant_id', true);
      BEGIN
        PERFORM set_config('app.tenant_id', row_tenant::text, true);
        INSERT INTO catalogue_version AS v (tenant_id) VALUES (row_tenant)
        ON CONFLICT (tenant_id) DO UPDATE SET version = v.version + 1, changed_at = now();
        PERFORM set_config('app.tenant_id', coalesce(previous, ''), true);
        RETURN NULL;
      END $$`);
    // Deferred to commit: the tenant's version row is locked last, so two writers of one tenant
    // never wait on each other in opposite orders (no deadlock), and hold it only while committing.
    for (const table of ['offer', 'offer_place', 'organization']) {
      await q.query(`CREATE CONSTRAINT TRIGGER ${table}_catalogue_changed AFTER INSERT OR UPDATE OR DELETE ON ${table}
                     DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalogue_changed()`);
    }
    // No backfill: a tenant without a row reads as version 0 until its first change creates it.
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['offer', 'offer_place', 'organization'])
      await q.query(`DROP TRIGGER ${table}_catalogue_changed ON ${table}`);
    await q.query(`DROP FUNCTION catalogue_changed()`);
    await q.query(`DROP TABLE catalogue_version`);
    await q.query(`DROP TRIGGER offer_feed_search_terms ON offer`);
    await q.query(FEED_SEARCH_TERMS(false));
    await q.query(`CREATE TRIGGER offer_feed_search_terms AFTER INSERT OR UPDATE OF status, title, summary, search_extra, description ON offer
                   FOR EACH ROW EXECUTE FUNCTION offer_feed_search_terms()`);
    await q.query(`ALTER TABLE offer DROP COLUMN search_vector`);
    await q.query(`ALTER TABLE offer ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (${SEARCH_VECTOR}) STORED`);
    await q.query(`ALTER TABLE offer DROP COLUMN search_acronyms`);
    await q.query(`DROP INDEX search_term_trgm_idx`);
    await q.query(`CREATE INDEX search_term_trgm_idx ON search_term USING gin (word gin_trgm_ops)`);
    await q.query(`CREATE INDEX offer_search_idx ON offer USING gin (search_vector) WHERE status = 'published'`);
    await q.query(`CREATE INDEX offer_themes_idx ON offer USING gin (theme_index) WHERE status = 'published'`);
    await q.query(`CREATE INDEX offer_zone_idx ON offer USING gin (zone_keys) WHERE status = 'published'`);
    await q.query(`CREATE INDEX offer_place_earth_idx ON offer_place USING gist (ll_to_earth(lat, lng))`);
  }
}
