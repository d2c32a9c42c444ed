import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  ANONYMISED_PERSON,
  type AgeBand,
  type ConsentMethod,
  type PersonSituation,
  type RefusalReason,
  type RegistrationActorKind,
  type RegistrationChannel,
  type RegistrationOutcome,
  type RegistrationStatus,
  type Sex,
} from '@catalogue/contracts';

type Db = Pick<EntityManager, 'query'>;

/** Registrations that still hold or wait for a seat: their person is not anonymised by retention. */
const ACTIVE = `('pending', 'accepted', 'waitlisted')`;

export interface OwnPersonRow {
  id: string;
  tenant_id: string;
}

export interface ExportRow {
  id: string;
  offer_id: string;
  offer_title: string;
  session_id: string | null;
  starts_at: Date | null;
  ends_at: Date | null;
  status: RegistrationStatus;
  channel: RegistrationChannel;
  first_name: string;
  last_name: string;
  email: string | null;
  phone: string | null;
  commune_insee: string | null;
  situation: PersonSituation | null;
  age_band: AgeBand | null;
  sex: Sex | null;
  person_created_at: Date;
  last_activity_at: Date;
  consent_how: ConsentMethod | null;
  consent_at: Date | null;
  message: string | null;
  refusal_reason: RefusalReason | null;
  refusal_message: string | null;
  cancelled_by: RegistrationActorKind | null;
  excused: boolean;
  outcome: RegistrationOutcome | null;
  created_at: Date;
  updated_at: Date;
}

export interface ExportEventRow {
  registration_id: string;
  at: Date;
  event: string;
  from_status: RegistrationStatus | null;
  to_status: RegistrationStatus;
  actor_kind: RegistrationActorKind;
  detail: string | null;
}

/**
 * What a person's rights and the retention delay need of the registration tables: a person's own
 * rows in every tenant, their export, and the anonymisation (identity and contact emptied, the
 * free texts too; situation, age band, sex and the registrations kept for the statistics). Called
 * in the caller's transaction, where the tenant (and, across tenants, the user) is set.
 */
@Injectable()
export class RegistrationsPrivacyRepository {
  /** The person rows linked to the account, in every tenant (RLS lets a user read their own: app.user_id set). */
  ownPeople(db: Db, userId: string): Promise<OwnPersonRow[]> {
    return db.query(`SELECT id, tenant_id FROM registration_person WHERE user_id = $1 ORDER BY tenant_id, id`, [
      userId,
    ]);
  }

  /** The registrations of these people in the tenant, oldest first, with the offer and session they are for. */
  registrationsOf(db: Db, tenantId: string, personIds: string[]): Promise<ExportRow[]> {
    return db.query(
      `SELECT r.id, r.offer_id, o.title AS offer_title, r.session_id, s.starts_at, s.ends_at, r.status, r.channel,
              p.first_name, p.last_name, p.email, p.phone, p.commune_insee, p.situation, p.age_band, p.sex,
              p.created_at AS person_created_at, p.last_activity_at,
              r.consent_how, r.consent_at, r.message, r.refusal_reason, r.refusal_message, r.cancelled_by, r.excused,
              r.outcome, r.created_at, r.updated_at
         FROM registration r
         JOIN registration_person p ON p.tenant_id = r.tenant_id AND p.id = r.person_id
         JOIN offer o ON o.tenant_id = r.tenant_id AND o.id = r.offer_id
         LEFT JOIN offer_session s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
        WHERE r.tenant_id = $1 AND r.person_id = ANY($2::uuid[])
        ORDER BY r.created_at, r.id`,
      [tenantId, personIds],
    );
  }

  historyOf(db: Db, tenantId: string, registrationIds: string[]): Promise<ExportEventRow[]> {
    return db.query(
      `SELECT registration_id, at, event, from_status, to_status, actor_kind, detail FROM registration_event
        WHERE tenant_id = $1 AND registration_id = ANY($2::uuid[]) ORDER BY at, id`,
      [tenantId, registrationIds],
    );
  }

  /**
   * The people of the tenant due for anonymisation: no activity for the tenant's retention delay and
   * no registration still active. Locked, skipping those another instance holds (several instances
   * run the job at once without doing a person twice).
   */
  async dueForRetention(db: Db, tenantId: string): Promise<{ ids: string[]; months: number }> {
    const rows: { id: string | null; months: number }[] = await db.query(
      `WITH t AS (SELECT personal_data_retention_months AS months FROM tenant WHERE id = $1),
            due AS (
              SELECT p.id FROM registration_person p, t
               WHERE p.tenant_id = $1 AND p.anonymised_at IS NULL
                 AND p.last_activity_at < now() - make_interval(months => t.months)
                 AND NOT EXISTS (SELECT 1 FROM registration r
                                  WHERE r.tenant_id = p.tenant_id AND r.person_id = p.id AND r.status IN ${ACTIVE})
               ORDER BY p.id
                 FOR UPDATE OF p SKIP LOCKED)
       SELECT due.id, t.months FROM t LEFT JOIN due ON true`,
      [tenantId],
    );
    return { ids: rows.flatMap((r) => (r.id ? [r.id] : [])), months: rows[0]?.months ?? 0 };
  }

  /**
   * Anonymises these people of the tenant (and the free texts of their registrations); returns how
   * many people changed. Idempotent: an anonymised person stays as they are.
   */
  async anonymise(db: Db, tenantId: string, personIds: string[]): Promise<{ people: number; registrations: number }> {
    if (personIds.length === 0) return { people: 0, registrations: 0 };
    const people: { id: string }[] = await db.query(
      `WITH done AS (
         UPDATE registration_person
            SET first_name = $3, last_name = $4, email = NULL, phone = NULL, phone_key = NULL, commune_insee = NULL,
                user_id = NULL, anonymised_at = now()
          WHERE tenant_id = $1 AND id = ANY($2::uuid[]) AND anonymised_at IS NULL
          RETURNING id)
       SELECT id FROM done`,
      [tenantId, personIds, ANONYMISED_PERSON.firstName, ANONYMISED_PERSON.lastName],
    );
    const ids = people.map((p) => p.id);
    if (ids.length === 0) return { people: 0, registrations: 0 };
    // What was written about the person in free text (their message, a refusal's or a cancellation's words).
    const registrations: { id: string }[] = await db.query(
      `WITH done AS (
         UPDATE registration SET message = NULL, refusal_message = NULL
          WHERE tenant_id = $1 AND person_id = ANY($2::uuid[])
          RETURNING id)
       SELECT id FROM done`,
      [tenantId, ids],
    );
    await db.query(
      `UPDATE registration_event SET detail = NULL
        WHERE tenant_id = $1 AND detail IS NOT NULL
          AND registration_id IN (SELECT id FROM registration WHERE tenant_id = $1 AND person_id = ANY($2::uuid[]))`,
      [tenantId, ids],
    );
    return { people: ids.length, registrations: registrations.length };
  }
}
