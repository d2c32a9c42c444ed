import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tenant tables created here: each gets the tenant key, an index starting with it and RLS. */
const NEW_TENANT_TABLES = ['membership', 'invitation', 'offer_revision', 'offer_event'] as const;

/**
 * Accounts and the partners' side of the catalogue: users (global), their sessions, single-use
 * tokens and rate-limit counters; memberships and invitations (per tenant); structure validation;
 * offer moderation (revisions, history, update frequency); the email outbox; the append-only
 * audit log.
 */
export class AddedAccountsStructuresAndModeration1763900000000 implements MigrationInterface {
  name = 'AddedAccountsStructuresAndModeration1763900000000';

  async up(q: QueryRunner): Promise<void> {
    // The signed-in user of the current transaction (set with the tenant): lets a user read their
    // own memberships in every tenant, and nothing else outside the current tenant.
    await q.query(`
      CREATE FUNCTION app_current_user() RETURNS uuid LANGUAGE sql STABLE PARALLEL SAFE AS
      $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$`);

    await q.query(
      `ALTER TABLE tenant ADD COLUMN moderation text NOT NULL DEFAULT 'before' CHECK (moderation IN ('before', 'after'))`,
    );

    await q.query(`
      CREATE TABLE app_user (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
        name text NOT NULL DEFAULT '' CHECK (length(name) <= 120),
        password_hash text,
        email_verified_at timestamptz,
        platform_admin boolean NOT NULL DEFAULT false,
        oidc_issuer text,
        oidc_subject text,
        oidc_siret text CHECK (oidc_siret ~ '^[0-9]{14}$'),
        digest_sent_for text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (oidc_issuer, oidc_subject)
      )`);

    // The cookie carries a random token; only its SHA-256 is stored.
    await q.query(`
      CREATE TABLE user_session (
        id text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{64}$'),
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        csrf_token text NOT NULL,
        idle_seconds integer NOT NULL CHECK (idle_seconds > 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        ip text,
        user_agent text
      )`);
    await q.query(`CREATE INDEX user_session_user_idx ON user_session (user_id)`);

    // Single-use, short-lived tokens (e-mail verification, password reset, magic link, OIDC state): hashed.
    await q.query(`
      CREATE TABLE auth_token (
        token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        purpose text NOT NULL CHECK (purpose IN ('verify_email', 'password_reset', 'magic_link', 'oidc_state')),
        user_id uuid REFERENCES app_user(id) ON DELETE CASCADE,
        data jsonb NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX auth_token_user_idx ON auth_token (user_id, purpose)`);

    // Fixed-window counters that survive restarts (failed sign-ins, reset and magic-link requests).
    await q.query(`
      CREATE TABLE rate_limit (
        key text PRIMARY KEY,
        hits integer NOT NULL,
        window_ends_at timestamptz NOT NULL
      )`);

    await q.query(`
      ALTER TABLE organization
        ADD COLUMN status text NOT NULL DEFAULT 'validated' CHECK (status IN ('pending', 'validated', 'rejected')),
        ADD COLUMN rejection_reason text,
        ADD COLUMN prescriber boolean NOT NULL DEFAULT false,
        ADD COLUMN decided_at timestamptz,
        ADD COLUMN decided_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        ADD COLUMN created_by uuid REFERENCES app_user(id) ON DELETE SET NULL`);
    // Existing rows are the département's own (validated); a new structure waits for validation.
    await q.query(`ALTER TABLE organization ALTER COLUMN status SET DEFAULT 'pending'`);
    await q.query(`CREATE INDEX organization_tenant_status_idx ON organization (tenant_id, status)`);
    await q.query(`CREATE INDEX organization_tenant_siret_idx ON organization (tenant_id, siret)`);

    await q.query(`
      CREATE TABLE membership (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        role text NOT NULL CHECK (role IN ('admin', 'agent', 'structure_admin', 'structure_member', 'beneficiary')),
        organization_id uuid,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('pending', 'active', 'refused')),
        message text CHECK (length(message) <= 1000),
        decided_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, organization_id) REFERENCES organization (tenant_id, id) ON DELETE CASCADE,
        CHECK ((role IN ('structure_admin', 'structure_member')) = (organization_id IS NOT NULL))
      )`);
    await q.query(
      `CREATE UNIQUE INDEX membership_unique_idx ON membership (tenant_id, user_id, role, organization_id) NULLS NOT DISTINCT`,
    );
    await q.query(`CREATE INDEX membership_user_idx ON membership (user_id)`);
    await q.query(
      `CREATE INDEX membership_organization_idx ON membership (organization_id) WHERE organization_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL,
        email text NOT NULL CHECK (email = lower(email)),
        role text NOT NULL CHECK (role IN ('structure_admin', 'structure_member')),
        token_hash text NOT NULL UNIQUE CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        invited_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        accepted_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        FOREIGN KEY (tenant_id, organization_id) REFERENCES organization (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX invitation_organization_idx ON invitation (organization_id)`);

    await q.query(`
      ALTER TABLE offer
        ADD COLUMN update_frequency_months smallint NOT NULL DEFAULT 6 CHECK (update_frequency_months IN (3, 6, 12)),
        ADD COLUMN confirmed_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN review_comment text,
        ADD COLUMN needs_review boolean NOT NULL DEFAULT false,
        ADD COLUMN submitted_at timestamptz,
        ADD COLUMN created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        ADD COLUMN updated_by uuid REFERENCES app_user(id) ON DELETE SET NULL`);
    await q.query(`CREATE INDEX offer_tenant_status_idx ON offer (tenant_id, status, submitted_at)`);

    // The pending edit of a published offer (one at most): moderated while the published version stays visible.
    await q.query(`
      CREATE TABLE offer_revision (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        offer_id uuid NOT NULL UNIQUE,
        data jsonb NOT NULL,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted')),
        review_comment text,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_at timestamptz,
        FOREIGN KEY (tenant_id, offer_id) REFERENCES offer (tenant_id, id) ON DELETE CASCADE
      )`);

    await q.query(`
      CREATE TABLE offer_event (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        offer_id uuid NOT NULL,
        actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        action text NOT NULL,
        from_status text,
        to_status text,
        comment text,
        changed_fields text[] NOT NULL DEFAULT '{}',
        on_revision boolean NOT NULL DEFAULT false,
        FOREIGN KEY (tenant_id, offer_id) REFERENCES offer (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX offer_event_offer_idx ON offer_event (offer_id, at)`);

    for (const table of NEW_TENANT_TABLES) {
      await q.query(`CREATE INDEX ${table}_tenant_idx ON ${table} (tenant_id)`);
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      const using =
        table === 'membership'
          ? `tenant_id = app_current_tenant() OR user_id = app_current_user()`
          : `tenant_id = app_current_tenant()`;
      await q.query(
        `CREATE POLICY ${table}_tenant_isolation ON ${table} USING (${using}) WITH CHECK (tenant_id = app_current_tenant())`,
      );
    }

    // Every email is written here in the transaction of the change that causes it, then sent by the worker.
    await q.query(`
      CREATE TABLE email_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        to_address text NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        html_body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        failed_at timestamptz,
        last_error text
      )`);
    await q.query(
      `CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL`,
    );

    // Append-only: rows of a tenant are read under its RLS; the application role may only insert and read.
    await q.query(`
      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id uuid REFERENCES tenant(id),
        actor_id uuid,
        actor_email text,
        action text NOT NULL,
        target_type text,
        target_id text,
        summary text NOT NULL,
        ip text,
        at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await q.query(`CREATE INDEX audit_log_tenant_idx ON audit_log (tenant_id, at DESC)`);
    await q.query(`CREATE INDEX audit_log_target_idx ON audit_log (tenant_id, target_id)`);
    await q.query(`ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY`);
    await q.query(`ALTER TABLE audit_log FORCE ROW LEVEL SECURITY`);
    await q.query(`CREATE POLICY audit_log_read ON audit_log FOR SELECT USING (tenant_id = app_current_tenant())`);
    await q.query(
      `CREATE POLICY audit_log_append ON audit_log FOR INSERT WITH CHECK (tenant_id IS NULL OR tenant_id = app_current_tenant())`,
    );
    // Whatever default privileges granted, no role but the owner may change or remove a line;
    // and a trigger refuses it even to the owner.
    await q.query(`
      DO $$ DECLARE r record; BEGIN
        FOR r IN SELECT DISTINCT grantee FROM information_schema.role_table_grants
                  WHERE table_name = 'audit_log' AND privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE')
                    AND grantee <> current_user
        LOOP EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM %I', r.grantee); END LOOP;
      END $$`);
    await q.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE IF EXISTS audit_log, email_outbox, offer_event, offer_revision, invitation, membership, rate_limit, auth_token, user_session CASCADE`,
    );
    await q.query(`DROP FUNCTION IF EXISTS audit_log_append_only()`);
    await q.query(`
      ALTER TABLE offer DROP COLUMN update_frequency_months, DROP COLUMN confirmed_at, DROP COLUMN review_comment,
        DROP COLUMN needs_review, DROP COLUMN submitted_at, DROP COLUMN created_by, DROP COLUMN updated_by`);
    await q.query(
      `DROP INDEX IF EXISTS offer_tenant_status_idx, organization_tenant_status_idx, organization_tenant_siret_idx`,
    );
    await q.query(`
      ALTER TABLE organization DROP COLUMN status, DROP COLUMN rejection_reason, DROP COLUMN prescriber,
        DROP COLUMN decided_at, DROP COLUMN decided_by, DROP COLUMN created_by`);
    await q.query(`DROP TABLE IF EXISTS app_user CASCADE`);
    await q.query(`ALTER TABLE tenant DROP COLUMN moderation`);
    await q.query(`DROP FUNCTION IF EXISTS app_current_user()`);
  }
}
