import type { MigrationInterface, QueryRunner } from 'typeorm';

const NEW_TENANT_TABLES = [
  'bilan',
  'bilan_document',
  'bilan_event',
  'plan_fiche_year',
  'plan_indicator_value',
] as const;

/**
 * Bilans, indicators and the plan's execution report (issue 15).
 * - Bilans: one per agreement and year (or per funded offer and year, asked for by an agent), with
 *   what the structure declares beside what the platform computes (the computed figures are frozen
 *   in `computed` at submission), the budget lines, the qualitative parts, attachments (files kept
 *   by the storage interface, only the key here) and a log.
 * - Per fiche and year: the progress text the agents write for the execution report and the amount
 *   voted; per indicator and year: the values entered by hand (the `manual` measure).
 * - Fiches gain the public they target and their partners and means (the report's columns).
 * Amounts are in euro cents (bigint).
 */
export class AddedBilansAndExecutionReports1765200000000 implements MigrationInterface {
  name = 'AddedBilansAndExecutionReports1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE plan_fiche
        ADD COLUMN public_text text CHECK (length(public_text) <= 5000),
        ADD COLUMN means text CHECK (length(means) <= 5000)`);

    await q.query(`
      CREATE TABLE bilan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        agreement_id uuid,
        offer_id uuid,
        organization_id uuid NOT NULL,
        year smallint NOT NULL CHECK (year BETWEEN 1990 AND 2100),
        period_start date NOT NULL,
        period_end date NOT NULL,
        due_on date NOT NULL,
        status text NOT NULL DEFAULT 'to_come'
          CHECK (status IN ('to_come', 'open', 'submitted', 'changes_requested', 'validated')),
        declared jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(declared) = 'object'),
        indicator_values jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(indicator_values) = 'array'),
        budget_lines jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(budget_lines) = 'array'),
        what_worked text NOT NULL DEFAULT '' CHECK (length(what_worked) <= 10000),
        difficulties text NOT NULL DEFAULT '' CHECK (length(difficulties) <= 10000),
        outlook text NOT NULL DEFAULT '' CHECK (length(outlook) <= 10000),
        computed jsonb CHECK (computed IS NULL OR jsonb_typeof(computed) = 'object'),
        granted_cents bigint NOT NULL DEFAULT 0 CHECK (granted_cents BETWEEN 0 AND 100000000000),
        changes_message text CHECK (length(changes_message) <= 4000),
        opened_at timestamptz,
        submitted_at timestamptz,
        validated_at timestamptz,
        validated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        reminded_before_at timestamptz,
        reminded_due_at timestamptz,
        reminded_after_at timestamptz,
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        version integer NOT NULL DEFAULT 1,
        CHECK (period_start <= period_end),
        CHECK (agreement_id IS NOT NULL OR offer_id IS NOT NULL),
        CHECK (status <> 'validated' OR (validated_at IS NOT NULL AND computed IS NOT NULL)),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, agreement_id) REFERENCES agreement (tenant_id, id) ON DELETE CASCADE,
        -- An offer with bilans is archived, not deleted (checked at the end of the statement, so a
        -- tenant's cascade still removes both).
        FOREIGN KEY (tenant_id, offer_id) REFERENCES offer (tenant_id, id),
        FOREIGN KEY (tenant_id, organization_id) REFERENCES organization (tenant_id, id) ON DELETE CASCADE
      )`);
    // One bilan per agreement and year; one per funded offer and year outside agreements.
    await q.query(
      `CREATE UNIQUE INDEX bilan_agreement_year_idx ON bilan (tenant_id, agreement_id, year) WHERE agreement_id IS NOT NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX bilan_offer_year_idx ON bilan (tenant_id, offer_id, year) WHERE agreement_id IS NULL`,
    );
    await q.query(`CREATE INDEX bilan_organization_idx ON bilan (tenant_id, organization_id, year)`);
    await q.query(`CREATE INDEX bilan_status_due_idx ON bilan (tenant_id, status, due_on)`);
    await q.query(`CREATE INDEX bilan_year_idx ON bilan (tenant_id, year) WHERE status = 'validated'`);
    await q.query(`
      CREATE TABLE bilan_document (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        bilan_id uuid NOT NULL,
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        media_type text NOT NULL CHECK (length(media_type) <= 200),
        size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        storage_key text NOT NULL UNIQUE,
        uploaded_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (tenant_id, id),
        FOREIGN KEY (tenant_id, bilan_id) REFERENCES bilan (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX bilan_document_bilan_idx ON bilan_document (bilan_id, created_at)`);
    await q.query(`
      CREATE TABLE bilan_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        bilan_id uuid NOT NULL,
        from_status text,
        to_status text NOT NULL,
        actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        message text CHECK (length(message) <= 4000),
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        FOREIGN KEY (tenant_id, bilan_id) REFERENCES bilan (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX bilan_event_bilan_idx ON bilan_event (bilan_id, at)`);

    await q.query(`
      CREATE TABLE plan_fiche_year (
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        fiche_id uuid NOT NULL,
        year smallint NOT NULL CHECK (year BETWEEN 1990 AND 2100),
        progress text NOT NULL DEFAULT '' CHECK (length(progress) <= 20000),
        voted_cents bigint CHECK (voted_cents BETWEEN 0 AND 100000000000),
        updated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, fiche_id, year),
        FOREIGN KEY (tenant_id, fiche_id) REFERENCES plan_fiche (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`
      CREATE TABLE plan_indicator_value (
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        indicator_id uuid NOT NULL,
        year smallint NOT NULL CHECK (year BETWEEN 1990 AND 2100),
        value numeric(16, 2) NOT NULL CHECK (value BETWEEN -1000000000000 AND 1000000000000),
        note text CHECK (length(note) <= 1000),
        updated_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, indicator_id, year),
        FOREIGN KEY (tenant_id, indicator_id) REFERENCES plan_indicator (tenant_id, id) ON DELETE CASCADE
      )`);

    for (const table of NEW_TENANT_TABLES) {
      if (table === 'bilan' || table === 'bilan_document' || table === 'bilan_event')
        await q.query(`CREATE INDEX ${table}_tenant_idx ON ${table} (tenant_id)`);
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      await q.query(
        `CREATE POLICY ${table}_tenant_isolation ON ${table} USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())`,
      );
    }
    // Indicators and reports count registrations per year and offer: the index they read.
    await q.query(`CREATE INDEX registration_offer_created_idx ON registration (tenant_id, offer_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX registration_offer_created_idx`);
    await q.query(`DROP TABLE ${[...NEW_TENANT_TABLES].reverse().join(', ')} CASCADE`);
    await q.query(`ALTER TABLE plan_fiche DROP COLUMN public_text, DROP COLUMN means`);
  }
}
