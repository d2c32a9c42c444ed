import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The tables this migration creates for one tenant: each gets the tenant key, an index on it and RLS. */
const TENANT_TABLES = ['territory', 'organization', 'offer', 'offer_place', 'offer_session', 'search_term'] as const;

/**
 * The catalogue's first schema: tenants and reference geography (global), organisations, offers,
 * places, sessions and the search lexicon (tenant-scoped, under row-level security).
 */
export class CreatedCatalogueSchema1763856000000 implements MigrationInterface {
  name = 'CreatedCatalogueSchema1763856000000';

  async up(q: QueryRunner): Promise<void> {
    // Extensions are created by a superuser beforehand where the owner may not (see infra/sql/roles.sql).
    for (const ext of ['unaccent', 'pg_trgm', 'cube', 'earthdistance']) {
      await q.query(`CREATE EXTENSION IF NOT EXISTS ${ext}`);
    }

    // The tenant of the current transaction; NULL (so no row matches) when none was set.
    await q.query(`
      CREATE FUNCTION app_current_tenant() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS
      $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$`);
    // unaccent() is only STABLE; index expressions need an IMMUTABLE wrapper with a fixed dictionary.
    await q.query(`
      CREATE FUNCTION f_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS
      $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`);
    // French full text that ignores accents: unaccent first, then the French Snowball stemmer.
    await q.query(`CREATE TEXT SEARCH CONFIGURATION fr (COPY = pg_catalog.french)`);
    await q.query(
      `ALTER TEXT SEARCH CONFIGURATION fr ALTER MAPPING FOR hword, hword_part, word WITH unaccent, french_stem`,
    );

    await q.query(`
      CREATE TABLE tenant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code text NOT NULL UNIQUE CHECK (code ~ '^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$'),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL,
        bbox_min_lng double precision NOT NULL,
        bbox_min_lat double precision NOT NULL,
        bbox_max_lng double precision NOT NULL,
        bbox_max_lat double precision NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE epci (
        code text PRIMARY KEY CHECK (code ~ '^[0-9]{9}$'),
        name text NOT NULL,
        type text NOT NULL
      )`);
    await q.query(`
      CREATE TABLE commune (
        insee text PRIMARY KEY CHECK (insee ~ '^[0-9][0-9AB][0-9]{3}$'),
        name text NOT NULL,
        name_folded text NOT NULL,
        postcodes text[] NOT NULL DEFAULT '{}',
        departement text NOT NULL,
        epci text REFERENCES epci(code),
        lat double precision NOT NULL,
        lng double precision NOT NULL,
        population integer NOT NULL DEFAULT 0,
        approx boolean NOT NULL DEFAULT false
      )`);
    await q.query(`CREATE INDEX commune_departement_name_idx ON commune (departement, name_folded text_pattern_ops)`);
    await q.query(`CREATE INDEX commune_epci_idx ON commune (epci)`);

    await q.query(`
      CREATE TABLE territory (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        code text NOT NULL CHECK (code ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        name text NOT NULL,
        commune_codes text[] NOT NULL DEFAULT '{}',
        UNIQUE (tenant_id, code)
      )`);
    await q.query(`CREATE INDEX territory_communes_idx ON territory USING gin (commune_codes)`);

    await q.query(`
      CREATE TABLE organization (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        source_key text,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        kind text NOT NULL,
        siret char(14) CHECK (siret ~ '^[0-9]{14}$'),
        description text NOT NULL DEFAULT '',
        address text NOT NULL DEFAULT '',
        commune_insee text REFERENCES commune(insee),
        lat double precision,
        lng double precision,
        website text,
        email text,
        phone text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        UNIQUE (tenant_id, source_key)
      )`);

    await q.query(`
      CREATE TABLE offer (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL,
        source_key text,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'published', 'archived')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
        summary text NOT NULL DEFAULT '',
        description text NOT NULL DEFAULT '',
        themes text[] NOT NULL CHECK (cardinality(themes) >= 1),
        theme_index text[] NOT NULL,
        audiences text[] NOT NULL DEFAULT '{}' CHECK (NOT ('tous-publics' = ANY (audiences) AND cardinality(audiences) > 1)),
        service_types text[] NOT NULL DEFAULT '{}',
        eligibility text NOT NULL DEFAULT '',
        cost text NOT NULL DEFAULT 'gratuit' CHECK (cost IN ('gratuit', 'payant')),
        cost_details text,
        modes text[] NOT NULL DEFAULT '{en-presentiel}',
        access text NOT NULL CHECK (access IN ('prescription', 'self_registration', 'open')),
        mobilisation text[] NOT NULL DEFAULT '{}',
        zone_type text NOT NULL CHECK (zone_type IN ('communes', 'epci', 'territory', 'departement')),
        zone_codes text[] NOT NULL DEFAULT '{}',
        zone_keys text[] NOT NULL DEFAULT '{}',
        contact_name text,
        contact_email text,
        contact_phone text,
        funding text[] NOT NULL DEFAULT '{}',
        plan_measure text,
        places_open_until timestamptz,
        search_extra text NOT NULL DEFAULT '',
        search_vector tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('fr', title), 'A') ||
          setweight(to_tsvector('fr', summary), 'B') ||
          setweight(to_tsvector('fr', search_extra), 'C') ||
          setweight(to_tsvector('fr', description || ' ' || eligibility), 'D')
        ) STORED,
        published_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        UNIQUE (tenant_id, source_key),
        FOREIGN KEY (tenant_id, organization_id) REFERENCES organization (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX offer_organization_idx ON offer (organization_id)`);
    await q.query(`CREATE INDEX offer_search_idx ON offer USING gin (search_vector) WHERE status = 'published'`);
    await q.query(`CREATE INDEX offer_themes_idx ON offer USING gin (theme_index) WHERE status = 'published'`);
    await q.query(`CREATE INDEX offer_zone_idx ON offer USING gin (zone_keys) WHERE status = 'published'`);

    await q.query(`
      CREATE TABLE offer_place (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        offer_id uuid NOT NULL,
        position smallint NOT NULL DEFAULT 0,
        label text,
        address text NOT NULL DEFAULT '',
        commune_insee text NOT NULL REFERENCES commune(insee),
        lat double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
        lng double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
        FOREIGN KEY (tenant_id, offer_id) REFERENCES offer (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX offer_place_offer_idx ON offer_place (offer_id)`);
    await q.query(`CREATE INDEX offer_place_earth_idx ON offer_place USING gist (ll_to_earth(lat, lng))`);

    await q.query(`
      CREATE TABLE offer_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        offer_id uuid NOT NULL,
        starts_at timestamptz NOT NULL,
        ends_at timestamptz,
        capacity integer NOT NULL CHECK (capacity > 0),
        booked integer NOT NULL DEFAULT 0 CHECK (booked >= 0 AND booked <= capacity),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at IS NULL OR ends_at >= starts_at),
        FOREIGN KEY (tenant_id, offer_id) REFERENCES offer (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX offer_session_offer_idx ON offer_session (offer_id, starts_at)`);

    // The words of the tenant's published offers, for typo correction with trigram similarity.
    await q.query(`
      CREATE TABLE search_term (
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        word text COLLATE "C" NOT NULL,
        PRIMARY KEY (tenant_id, word)
      )`);
    await q.query(`CREATE INDEX search_term_trgm_idx ON search_term USING gin (word gin_trgm_ops)`);

    for (const table of TENANT_TABLES) {
      if (table !== 'search_term') await q.query(`CREATE INDEX ${table}_tenant_idx ON ${table} (tenant_id)`);
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY ${table}_tenant_isolation ON ${table}
           USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())`,
      );
    }

    // Keep offer.places_open_until (latest end of a session with places left) in step with sessions.
    await q.query(`
      CREATE FUNCTION offer_session_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE target uuid := coalesce(NEW.offer_id, OLD.offer_id);
      BEGIN
        UPDATE offer SET places_open_until = (
          SELECT max(coalesce(s.ends_at, s.starts_at)) FROM offer_session s
           WHERE s.offer_id = target AND s.booked < s.capacity)
         WHERE id = target;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER offer_session_changed AFTER INSERT OR UPDATE OR DELETE ON offer_session
      FOR EACH ROW EXECUTE FUNCTION offer_session_changed()`);

    // Feed the lexicon with the words of a published offer (folded, 3 characters or more).
    await q.query(`
      CREATE FUNCTION offer_feed_search_terms() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'published' THEN
          INSERT INTO search_term (tenant_id, word)
          SELECT DISTINCT NEW.tenant_id, w
            FROM regexp_split_to_table(
                   lower(f_unaccent(NEW.title || ' ' || NEW.summary || ' ' || NEW.search_extra || ' ' || NEW.description)),
                   '[^a-z0-9]+') AS w
           WHERE length(w) >= 3
          ON CONFLICT DO NOTHING;
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE TRIGGER offer_feed_search_terms AFTER INSERT OR UPDATE OF status, title, summary, search_extra, description ON offer
      FOR EACH ROW EXECUTE FUNCTION offer_feed_search_terms()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE IF EXISTS search_term, offer_session, offer_place, offer, organization, territory, commune, epci, tenant CASCADE`,
    );
    await q.query(
      `DROP FUNCTION IF EXISTS offer_feed_search_terms(), offer_session_changed(), f_unaccent(text), app_current_tenant()`,
    );
    await q.query(`DROP TEXT SEARCH CONFIGURATION IF EXISTS fr`);
  }
}
