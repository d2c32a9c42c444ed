import type { MigrationInterface, QueryRunner } from 'typeorm';

const NEW_TENANT_TABLES = [
  'insertion_plan',
  'plan_axis',
  'plan_fiche',
  'plan_indicator',
  'funding_call',
  'funding_call_fiche',
  'funding_call_document',
  'funding_call_instructor',
  'funding_call_event',
  'application',
  'application_document',
  'application_event',
  'application_score',
  'agreement',
  'agreement_event',
] as const;

/**
 * The insertion plan and its calls for projects (issue 14).
 *
 * - The plan: axes, fiches action, indicators with a target per year. One current plan per tenant
 *   (older ones are kept for the execution reports of their years). Offers point to a fiche
 *   (`plan_fiche_id`); the free text `plan_measure` stays, read-only, as what the offer said before
 *   (the plan module links it to a fiche when the text names one).
 * - Calls (`funding_call`; `call` is an SQL keyword): their form, documents and grid as JSON,
 *   frozen at publication by the lifecycle; the fiches they serve; the agents assigned; a log.
 * - Applications (dossiers) with their documents (files kept by the storage interface, only the
 *   key here), their log and one score per assigned agent.
 * - Agreements (conventions), one per selected application, with their log; signing creates the
 *   draft offer (`offer_id`).
 * Amounts are in euro cents (bigint): no float ever holds money.
 */
export class AddedPlansCallsAndAgreements1765000000000 implements MigrationInterface {
  name = 'AddedPlansCallsAndAgreements1765000000000';

  async up(q: QueryRunner): Promise<void> {
    // ---- The plan -------------------------------------------------------------------------------
    await q.query(`
      CREATE TABLE insertion_plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        period_start smallint NOT NULL CHECK (period_start BETWEEN 1990 AND 2100),
        period_end smallint NOT NULL CHECK (period_end BETWEEN 1990 AND 2100),
        source text CHECK (length(source) <= 2000),
        is_current boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        CHECK (period_start <= period_end),
        UNIQUE (tenant_id, id)
      )`);
    await q.query(`CREATE UNIQUE INDEX insertion_plan_current_idx ON insertion_plan (tenant_id) WHERE is_current`);
    await q.query(`
      CREATE TABLE plan_axis (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        plan_id uuid NOT NULL,
        number smallint NOT NULL CHECK (number BETWEEN 1 AND 99),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
        description text CHECK (length(description) <= 5000),
        UNIQUE (tenant_id, id),
        UNIQUE (plan_id, number) DEFERRABLE INITIALLY DEFERRED,
        FOREIGN KEY (tenant_id, plan_id) REFERENCES insertion_plan (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE plan_fiche (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        plan_id uuid NOT NULL,
        axis_id uuid NOT NULL,
        number text NOT NULL CHECK (number ~ '^[0-9]{1,3}(\\.[0-9]{1,3})?$'),
        position smallint NOT NULL DEFAULT 0,
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
        objective text CHECK (length(objective) <= 5000),
        description text CHECK (length(description) <= 10000),
        UNIQUE (tenant_id, id),
        UNIQUE (plan_id, number) DEFERRABLE INITIALLY DEFERRED,
        FOREIGN KEY (tenant_id, plan_id) REFERENCES insertion_plan (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, axis_id) REFERENCES plan_axis (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE plan_indicator (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        fiche_id uuid NOT NULL,
        position smallint NOT NULL DEFAULT 0,
        label text NOT NULL CHECK (length(label) BETWEEN 1 AND 500),
        unit text NOT NULL CHECK (length(unit) BETWEEN 1 AND 50),
        measure text NOT NULL CHECK (measure IN ('manual', 'registrations', 'bilans')),
        targets jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(targets) = 'object'),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, fiche_id) REFERENCES plan_fiche (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`ALTER TABLE offer ADD COLUMN plan_fiche_id uuid`);
    await q.query(`
      ALTER TABLE offer ADD CONSTRAINT offer_plan_fiche_fk FOREIGN KEY (tenant_id, plan_fiche_id)
        REFERENCES plan_fiche (tenant_id, id) ON DELETE SET NULL (plan_fiche_id)`);
    await q.query(
      `CREATE INDEX offer_plan_fiche_idx ON offer (tenant_id, plan_fiche_id) WHERE plan_fiche_id IS NOT NULL`,
    );
    // Structures choose to be told of new calls.
    await q.query(`ALTER TABLE organization ADD COLUMN notify_calls boolean NOT NULL DEFAULT false`);

    // ---- Calls for projects ---------------------------------------------------------------------
    await q.query(`
      CREATE TABLE funding_call (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed', 'decided', 'withdrawn')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        context text NOT NULL DEFAULT '' CHECK (length(context) <= 20000),
        eligible_kinds text[] NOT NULL DEFAULT '{}',
        eligible_publics text[] NOT NULL DEFAULT '{}',
        territory jsonb NOT NULL DEFAULT '{"kind":"department","codes":[]}',
        envelope_cents bigint NOT NULL DEFAULT 0 CHECK (envelope_cents BETWEEN 0 AND 100000000000),
        opens_at timestamptz,
        closes_at timestamptz,
        questions jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(questions) = 'array'),
        documents jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(documents) = 'array'),
        grid jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(grid) = 'array'),
        withdrawn_reason text CHECK (length(withdrawn_reason) <= 2000),
        results text CHECK (length(results) <= 20000),
        published_at timestamptz,
        closed_at timestamptz,
        decided_at timestamptz,
        reminded_7d_at timestamptz,
        reminded_1d_at timestamptz,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK (opens_at IS NULL OR closes_at IS NULL OR opens_at < closes_at),
        CHECK (status = 'draft' OR (opens_at IS NOT NULL AND closes_at IS NOT NULL)),
        UNIQUE (tenant_id, id)
      )`);
    await q.query(`CREATE INDEX funding_call_status_idx ON funding_call (tenant_id, status, closes_at)`);
    await q.query(`
      CREATE TABLE funding_call_fiche (
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        call_id uuid NOT NULL,
        fiche_id uuid NOT NULL,
        PRIMARY KEY (tenant_id, call_id, fiche_id),
        FOREIGN KEY (tenant_id, call_id) REFERENCES funding_call (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, fiche_id) REFERENCES plan_fiche (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX funding_call_fiche_fiche_idx ON funding_call_fiche (tenant_id, fiche_id)`);
    // The call's own published documents (règlement, annexes).
    await q.query(`
      CREATE TABLE funding_call_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        call_id uuid NOT NULL,
        label text NOT NULL CHECK (length(label) BETWEEN 1 AND 300),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        media_type text NOT NULL CHECK (length(media_type) <= 200),
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL UNIQUE,
        uploaded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, call_id) REFERENCES funding_call (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE funding_call_instructor (
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        call_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        assigned_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, call_id, user_id),
        FOREIGN KEY (tenant_id, call_id) REFERENCES funding_call (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE funding_call_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        call_id uuid NOT NULL,
        from_status text,
        to_status text NOT NULL,
        actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        reason text CHECK (length(reason) <= 2000),
        at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, call_id) REFERENCES funding_call (tenant_id, id) ON DELETE CASCADE
      )`);

    // ---- Applications ---------------------------------------------------------------------------
    await q.query(`
      CREATE TABLE application (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        call_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft', 'submitted', 'completion_requested', 'withdrawn', 'selected', 'rejected')),
        answers jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(answers) = 'object'),
        amount_requested_cents bigint CHECK (amount_requested_cents BETWEEN 0 AND 100000000000),
        amount_granted_cents bigint CHECK (amount_granted_cents BETWEEN 0 AND 100000000000),
        decision_reasons text CHECK (length(decision_reasons) <= 5000),
        completion_message text CHECK (length(completion_message) <= 5000),
        completion_due_at timestamptz,
        submitted_at timestamptz,
        first_submitted_at timestamptz,
        decided_at timestamptz,
        decided_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        letter_storage_key text,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK (amount_granted_cents IS NULL OR amount_requested_cents IS NULL OR amount_granted_cents <= amount_requested_cents),
        CHECK (status <> 'selected' OR amount_granted_cents IS NOT NULL),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, call_id) REFERENCES funding_call (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, organization_id) REFERENCES organization (tenant_id, id) ON DELETE CASCADE
      )`);
    // One live application per structure and call: two clicks on « Déposer un dossier » make one.
    await q.query(
      `CREATE UNIQUE INDEX application_one_per_structure_idx ON application (tenant_id, call_id, organization_id) WHERE status <> 'withdrawn'`,
    );
    await q.query(`CREATE INDEX application_call_idx ON application (tenant_id, call_id, status)`);
    await q.query(`CREATE INDEX application_organization_idx ON application (tenant_id, organization_id)`);
    await q.query(`
      CREATE TABLE application_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        application_id uuid NOT NULL,
        key text NOT NULL CHECK (key ~ '^[a-z0-9_]{1,64}$'),
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        media_type text NOT NULL CHECK (length(media_type) <= 200),
        size_bytes bigint NOT NULL CHECK (size_bytes > 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL UNIQUE,
        uploaded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        uploaded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, application_id) REFERENCES application (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX application_document_app_idx ON application_document (tenant_id, application_id)`);
    await q.query(`
      CREATE TABLE application_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        application_id uuid NOT NULL,
        kind text NOT NULL CHECK (length(kind) <= 50),
        from_status text,
        to_status text,
        actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        message text CHECK (length(message) <= 5000),
        at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, application_id) REFERENCES application (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX application_event_app_idx ON application_event (tenant_id, application_id, id)`);
    await q.query(`
      CREATE TABLE application_score (
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        application_id uuid NOT NULL,
        instructor_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        scores jsonb NOT NULL CHECK (jsonb_typeof(scores) = 'object'),
        comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 5000),
        no_conflict_of_interest boolean NOT NULL CHECK (no_conflict_of_interest),
        total numeric(9, 3) NOT NULL,
        eliminated boolean NOT NULL DEFAULT false,
        scored_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, application_id, instructor_id),
        FOREIGN KEY (tenant_id, application_id) REFERENCES application (tenant_id, id) ON DELETE CASCADE
      )`);

    // ---- Agreements -----------------------------------------------------------------------------
    await q.query(`
      CREATE TABLE agreement (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        application_id uuid NOT NULL,
        call_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'sent', 'signed', 'running', 'closed')),
        title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
        amount_cents bigint NOT NULL CHECK (amount_cents BETWEEN 0 AND 100000000000),
        starts_on date NOT NULL,
        ends_on date NOT NULL,
        payment_schedule jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(payment_schedule) = 'array'),
        indicators jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(indicators) = 'array'),
        bilan_due_dates date[] NOT NULL DEFAULT '{}',
        signed_file_name text,
        signed_media_type text,
        signed_size_bytes bigint,
        signed_sha256 text,
        signed_storage_key text UNIQUE,
        signed_at timestamptz,
        sent_at timestamptz,
        offer_id uuid,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK (starts_on <= ends_on),
        CHECK (status NOT IN ('signed', 'running', 'closed') OR signed_storage_key IS NOT NULL),
        UNIQUE (tenant_id, id),
        UNIQUE (tenant_id, application_id),
        FOREIGN KEY (tenant_id, application_id) REFERENCES application (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, call_id) REFERENCES funding_call (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, organization_id) REFERENCES organization (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, offer_id) REFERENCES offer (tenant_id, id) ON DELETE SET NULL (offer_id)
      )`);
    await q.query(`CREATE INDEX agreement_organization_idx ON agreement (tenant_id, organization_id)`);
    await q.query(`CREATE INDEX agreement_call_idx ON agreement (tenant_id, call_id)`);
    await q.query(`
      CREATE TABLE agreement_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        agreement_id uuid NOT NULL,
        from_status text,
        to_status text NOT NULL,
        actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        message text CHECK (length(message) <= 2000),
        at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (tenant_id, agreement_id) REFERENCES agreement (tenant_id, id) ON DELETE CASCADE
      )`);

    for (const table of NEW_TENANT_TABLES) {
      await q.query(`CREATE INDEX ${table}_tenant_idx ON ${table} (tenant_id)`);
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY ${table}_tenant_isolation ON ${table} USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE offer DROP CONSTRAINT offer_plan_fiche_fk, DROP COLUMN plan_fiche_id`);
    await q.query(`ALTER TABLE organization DROP COLUMN notify_calls`);
    await q.query(`DROP TABLE ${[...NEW_TENANT_TABLES].reverse().join(', ')} CASCADE`);
  }
}
