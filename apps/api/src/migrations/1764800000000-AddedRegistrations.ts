import type { MigrationInterface, QueryRunner } from 'typeorm';

const ACTIVE = `('pending', 'accepted', 'waitlisted')`;
const NEW_TENANT_TABLES = [
  'registration_person',
  'registration',
  'registration_event',
  'registration_notification_opt_out',
] as const;

/**
 * Registrations (issue 13): people (kept to the minimum, per tenant), their registrations to an
 * offer's session or to the offer itself (continuous intake), the transition log, and the
 * structure members' email opt-outs. Capacity is the session's `booked` counter, which its CHECK
 * (booked <= capacity) already bounds; the registrations module moves it under the session's row
 * lock. The wait list is the session's `waitlisted` counter and the registrations' arrival time.
 * Offers gain how they give seats and their cancellation cut-off; tenants their delays; the
 * outbox its attachments (the .ics of an accepted session).
 */
export class AddedRegistrations1764800000000 implements MigrationInterface {
  name = 'AddedRegistrations1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE tenant
        ADD COLUMN registration_reminder_days smallint NOT NULL DEFAULT 7 CHECK (registration_reminder_days BETWEEN 1 AND 90),
        ADD COLUMN registration_expiry_days smallint NOT NULL DEFAULT 30 CHECK (registration_expiry_days BETWEEN 2 AND 365),
        ADD COLUMN personal_data_retention_months smallint NOT NULL DEFAULT 24 CHECK (personal_data_retention_months BETWEEN 1 AND 120),
        ADD CONSTRAINT tenant_registration_delays_check CHECK (registration_reminder_days < registration_expiry_days)`);
    await q.query(`
      ALTER TABLE offer
        ADD COLUMN seat_allocation text NOT NULL DEFAULT 'automatic' CHECK (seat_allocation IN ('automatic', 'review')),
        ADD COLUMN cancellation_cutoff_hours smallint NOT NULL DEFAULT 24 CHECK (cancellation_cutoff_hours BETWEEN 0 AND 720)`);
    await q.query(`ALTER TABLE offer_session ADD COLUMN waitlisted integer NOT NULL DEFAULT 0 CHECK (waitlisted >= 0)`);
    await q.query(`ALTER TABLE offer_session ADD CONSTRAINT offer_session_tenant_id_key UNIQUE (tenant_id, id)`);
    await q.query(`ALTER TABLE email_outbox ADD COLUMN attachments jsonb NOT NULL DEFAULT '[]'`);

    await q.query(`
      CREATE TABLE registration_person (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        user_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        first_name text NOT NULL CHECK (length(first_name) <= 100),
        last_name text NOT NULL CHECK (length(last_name) <= 100),
        email text CHECK (email = lower(email) AND length(email) <= 254),
        phone text CHECK (length(phone) <= 30),
        phone_key text,
        commune_insee text REFERENCES commune(insee),
        situation text CHECK (situation IN ('rsa', 'young', 'job_seeker', 'other')),
        age_band text CHECK (age_band IN ('under-26', '26-44', '45-54', '55-plus')),
        sex text CHECK (sex IN ('female', 'male', 'unspecified')),
        created_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_activity_at timestamptz NOT NULL DEFAULT now(),
        anonymised_at timestamptz,
        UNIQUE (tenant_id, id)
      )`);
    await q.query(
      `CREATE UNIQUE INDEX registration_person_user_idx ON registration_person (tenant_id, user_id) WHERE user_id IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX registration_person_email_idx ON registration_person (tenant_id, email) WHERE email IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX registration_person_phone_idx ON registration_person (tenant_id, phone_key) WHERE phone_key IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX registration_person_activity_idx ON registration_person (tenant_id, last_activity_at) WHERE anonymised_at IS NULL`,
    );
    await q.query(
      `CREATE INDEX registration_person_user_any_idx ON registration_person (user_id) WHERE user_id IS NOT NULL`,
    );

    await q.query(`
      CREATE TABLE registration (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        offer_id uuid NOT NULL,
        session_id uuid,
        person_id uuid NOT NULL,
        channel text NOT NULL CHECK (channel IN ('self', 'prescription')),
        referent_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        referent_organization_id uuid,
        status text NOT NULL CHECK (status IN ('pending', 'accepted', 'waitlisted', 'refused', 'cancelled', 'expired',
                                               'attended', 'absent', 'completed', 'dropped_out')),
        waitlisted_at timestamptz,
        message text CHECK (length(message) <= 2000),
        consent_how text CHECK (consent_how IN ('oral', 'written')),
        consent_by uuid REFERENCES app_user(id) ON DELETE SET NULL,
        consent_at timestamptz,
        refusal_reason text CHECK (refusal_reason IN ('full', 'prerequisites_not_met', 'unreachable', 'duplicate', 'other')),
        refusal_message text CHECK (length(refusal_message) <= 1000),
        cancelled_by text CHECK (cancelled_by IN ('person', 'referent', 'structure', 'system')),
        excused boolean NOT NULL DEFAULT false,
        outcome text CHECK (outcome IN ('employment', 'training', 'other_insertion_action', 'no_follow_up', 'gave_up')),
        promoted boolean NOT NULL DEFAULT false,
        decided_at timestamptz,
        pending_reminded_at timestamptz,
        session_reminded_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (tenant_id, id),
        -- A prescription records the person's consent: how, by whom, when.
        CHECK (channel = 'self' OR (consent_how IS NOT NULL AND consent_at IS NOT NULL)),
        CHECK ((status = 'waitlisted') = (waitlisted_at IS NOT NULL)),
        FOREIGN KEY (tenant_id, offer_id) REFERENCES offer (tenant_id, id) ON DELETE CASCADE,
        -- A session with registrations is never deleted under them (checked at the end of the statement,
        -- so a tenant's or an offer's cascade still removes both).
        FOREIGN KEY (tenant_id, session_id) REFERENCES offer_session (tenant_id, id),
        FOREIGN KEY (tenant_id, person_id) REFERENCES registration_person (tenant_id, id) ON DELETE CASCADE
      )`);
    // At most one active registration per person and session (or offer, without session): the database says so.
    await q.query(
      `CREATE UNIQUE INDEX registration_one_active_per_session ON registration (person_id, session_id)
         WHERE session_id IS NOT NULL AND status IN ${ACTIVE}`,
    );
    await q.query(
      `CREATE UNIQUE INDEX registration_one_active_per_offer ON registration (person_id, offer_id)
         WHERE session_id IS NULL AND status IN ${ACTIVE}`,
    );
    await q.query(
      `CREATE INDEX registration_waitlist_idx ON registration (session_id, waitlisted_at, id) WHERE status = 'waitlisted'`,
    );
    await q.query(`CREATE INDEX registration_offer_idx ON registration (tenant_id, offer_id, status)`);
    await q.query(`CREATE INDEX registration_session_idx ON registration (session_id, status)`);
    await q.query(`CREATE INDEX registration_person_idx ON registration (tenant_id, person_id)`);
    await q.query(`CREATE INDEX registration_referent_idx ON registration (tenant_id, referent_id, created_at DESC)`);
    await q.query(
      `CREATE INDEX registration_pending_idx ON registration (tenant_id, created_at) WHERE status = 'pending'`,
    );

    await q.query(`
      CREATE TABLE registration_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        registration_id uuid NOT NULL,
        at timestamptz NOT NULL DEFAULT clock_timestamp(),
        actor_id uuid REFERENCES app_user(id) ON DELETE SET NULL,
        actor_kind text NOT NULL CHECK (actor_kind IN ('person', 'referent', 'structure', 'system')),
        event text NOT NULL,
        from_status text,
        to_status text NOT NULL,
        detail text CHECK (length(detail) <= 2000),
        FOREIGN KEY (tenant_id, registration_id) REFERENCES registration (tenant_id, id) ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX registration_event_registration_idx ON registration_event (registration_id, at)`);

    await q.query(`
      CREATE TABLE registration_notification_opt_out (
        tenant_id uuid NOT NULL REFERENCES tenant(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES app_user(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL,
        kind text NOT NULL CHECK (kind IN ('new_registration', 'cancellation', 'pending_reminder')),
        PRIMARY KEY (tenant_id, user_id, organization_id, kind),
        FOREIGN KEY (tenant_id, organization_id) REFERENCES organization (tenant_id, id) ON DELETE CASCADE
      )`);

    for (const table of NEW_TENANT_TABLES) {
      if (table !== 'registration_notification_opt_out')
        await q.query(`CREATE INDEX ${table}_tenant_idx ON ${table} (tenant_id)`);
      await q.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
      await q.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
      // A person reads their own rows in every tenant (their data export, their account's deletion).
      const using =
        table === 'registration_person'
          ? `tenant_id = app_current_tenant() OR user_id = app_current_user()`
          : `tenant_id = app_current_tenant()`;
      await q.query(
        `CREATE POLICY ${table}_tenant_isolation ON ${table} USING (${using}) WITH CHECK (tenant_id = app_current_tenant())`,
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `DROP TABLE registration_notification_opt_out, registration_event, registration, registration_person CASCADE`,
    );
    await q.query(`ALTER TABLE email_outbox DROP COLUMN attachments`);
    await q.query(`ALTER TABLE offer_session DROP CONSTRAINT offer_session_tenant_id_key, DROP COLUMN waitlisted`);
    await q.query(`ALTER TABLE offer DROP COLUMN seat_allocation, DROP COLUMN cancellation_cutoff_hours`);
    await q.query(`
      ALTER TABLE tenant DROP CONSTRAINT tenant_registration_delays_check, DROP COLUMN registration_reminder_days,
        DROP COLUMN registration_expiry_days, DROP COLUMN personal_data_retention_months`);
  }
}
